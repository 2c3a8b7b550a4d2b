package io.gilder.registry;

import java.util.List;

/**
 * Records approved images in Parameter Store: one parameter per product, OS and version, and the
 * shared list of active images ({@code /GoldenAMI/latest}). Changes to the shared list are
 * serialized, so concurrent registrations never lose or duplicate an entry. Every method throws
 * {@link io.gilder.error.GilderException} when the underlying calls fail.
 */
public interface GoldenRegistry {

    /**
     * Writes {@code imageId} under {@code parameterName} as an EC2 image id, never replacing another
     * value. Succeeds again when the parameter already holds this very id (a retry).
     *
     * @throws io.gilder.error.VersionAlreadyRegisteredException the parameter holds a different image
     */
    void registerImage(String parameterName, String imageId);

    /**
     * Undoes {@link #registerImage}: deletes {@code parameterName} when, and only when, it holds
     * {@code imageId}. Another image's parameter, or one already gone, is left as it is. Safe without a
     * lock because a registered parameter is never overwritten: its value can only go away, not change.
     *
     * @return true when the parameter was deleted now, false when it did not hold {@code imageId}
     */
    boolean unregisterImage(String parameterName, String imageId);

    /**
     * Reads the active list without claiming it, so callers can skip the serialized change when there
     * is nothing to change. The answer may be outdated by the time it is used.
     *
     * @return the ids on the active list (empty when the list does not exist)
     */
    List<String> activeImages();

    /**
     * Adds {@code imageId} to the active list (once; creating the list when missing). The lock taken
     * meanwhile names {@code holder} (the execution), so that execution's own cleanup can release it
     * should this writer die holding it.
     *
     * @return the active list after the change
     * @throws io.gilder.error.RegistryBusyException another writer holds the list right now: retry later
     */
    List<String> addActive(String imageId, String holder);

    /**
     * Adds {@code imageId} to the active list like {@link #addActive(String, String)}, running {@code check} inside
     * the critical section: after the list is claimed and before it is written. A revocation marks the image before it
     * withdraws it from the list, and the withdrawal waits for this critical section: so either the check sees the mark
     * and refuses, or the mark came later and the withdrawal, serialized after this write, removes the entry again.
     * This default, for registries that do not serialize, runs the check just before the change.
     *
     * @throws io.gilder.error.ImageRevokedException      (from {@code check}) the image must not be published
     * @throws io.gilder.error.ActiveListFullException    the list would no longer fit its parameter: nothing was written
     * @throws io.gilder.error.RegistryBusyException      another writer holds the list right now: retry later
     */
    default List<String> addActive(String imageId, String holder, PublishCheck check) {
        check.verify();
        return addActive(imageId, holder);
    }

    /**
     * Removes {@code imageId} from the active list (deleting the list when it becomes empty, since a
     * parameter cannot hold an empty value); nothing changes when it is not listed.
     *
     * @return the active list after the change
     * @throws io.gilder.error.RegistryBusyException another writer holds the list right now: retry later
     */
    List<String> removeActive(String imageId, String holder);

    /**
     * Deletes the active list's lock if {@code holder} holds it: the cleanup of an execution whose
     * registration died between taking and releasing the lock. Anyone else's lock is left alone.
     *
     * @return whether a lock was released
     */
    boolean releaseLockOf(String holder);

    /** A last check before an image is published on the active list; it refuses by throwing. */
    @FunctionalInterface
    interface PublishCheck {

        /** Publishes without a check. */
        PublishCheck NONE = () -> { };

        /** @throws io.gilder.error.GilderException when the image must not be published (nothing is written then) */
        void verify();
    }
}
