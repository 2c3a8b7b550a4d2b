package io.gilder.lock;

import io.gilder.error.AwsTransientException;
import io.gilder.error.VersionLockedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Takes and releases version locks. A workflow locks its version right after validating its request, before it
 * changes anything, and releases it at each of its endings; an ending that cannot release (a crash, an abort, a
 * timeout) leaves a lock that the next workflow takes over, because its holder no longer runs.
 */
public final class VersionLocking {

    static final int ATTEMPTS = 5;

    private final VersionLocks locks;
    private final LockHolders holders;
    private final Clock clock;

    public VersionLocking(VersionLocks locks, LockHolders holders, Clock clock) {
        this.locks = locks;
        this.holders = holders;
        this.clock = clock;
    }

    /**
     * Locks {@code version} for {@code executionArn} for at most {@code lease}; a retry by the holder succeeds again
     * (and keeps its lock as it is).
     *
     * @return the lock held now, and the execution it was taken over from (null when it was free)
     * @throws VersionLockedException another running execution holds it, naming that execution
     */
    public Locked lock(String version, String executionArn, Duration lease) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<VersionLock> held = locks.read(version);
            if (held.isPresent() && held.get().heldBy(executionArn)) {
                return new Locked(held.get(), null);
            }
            if (held.isPresent() && held.get().blocks(executionArn, clock.instant(), holders::running)) {
                VersionLock other = held.get();
                throw new VersionLockedException(version + " is being changed by execution " + other.ownerName() + " ("
                        + other.owner() + ", lock until " + other.expiresAt() + "): distribution, revocation and "
                        + "decommission of one version never run at once; nothing was changed, start again once it has ended");
            }
            VersionLock mine = new VersionLock(version, executionArn, clock.instant().plus(lease));
            if (locks.take(mine, held.orElse(null))) {
                return new Locked(mine, held.map(VersionLock::owner).orElse(null));
            }
            // Another execution locked it between the read and the write: read again.
        }
        throw new AwsTransientException("locking " + version + " raced " + ATTEMPTS + " other executions; try again", null);
    }

    /** Releases {@code executionArn}'s lock on {@code version}; false when it held none (released before, or taken over). */
    public boolean unlock(String version, String executionArn) {
        return locks.release(version, executionArn);
    }

    /** A lock just held, and the ended or lapsed holder it replaced (null when none). */
    public record Locked(VersionLock lock, String takenOverFrom) {}
}
