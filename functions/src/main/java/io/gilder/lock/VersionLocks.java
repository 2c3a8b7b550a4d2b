package io.gilder.lock;

import java.util.Optional;

/** Where version locks are kept; every method throws {@link io.gilder.error.GilderException} when the store fails. */
public interface VersionLocks {

    /** The lock on {@code version} as stored (possibly lapsed), or empty when nobody holds it. */
    Optional<VersionLock> read(String version);

    /**
     * Stores {@code lock} in one conditional write: when {@code previous} is null only if no lock exists, otherwise
     * only if {@code previous} (owner and expiry) is still the stored lock, so two contenders taking over the same
     * stale lock cannot both win.
     *
     * @return false when the condition failed (someone else locked or took over meanwhile)
     */
    boolean take(VersionLock lock, VersionLock previous);

    /**
     * Deletes the lock on {@code version} in one conditional write, only if {@code owner} holds it.
     *
     * @return false when {@code owner} did not hold it (never did, or it was taken over after lapsing)
     */
    boolean release(String version, String owner);
}
