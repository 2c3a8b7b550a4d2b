package io.gilder.decommission;

import io.gilder.registry.GoldenRegistry;

/**
 * What removing an image from one account and region's registry did.
 *
 * @param parameterDeleted whether the version parameter held the image and was deleted now
 * @param latestRemoved    whether the image was taken off {@code /GoldenAMI/latest} now
 */
public record RegistryCleanup(boolean parameterDeleted, boolean latestRemoved) {

    /**
     * Deletes {@code parameterName} if it holds {@code imageId} and takes the id off the active list (claimed
     * under its lock only when it lists the id). Another image's parameter is left alone; re-running is a no-op.
     *
     * @param holder the execution, named by the list's lock
     */
    public static RegistryCleanup remove(GoldenRegistry registry, String parameterName, String imageId, String holder) {
        boolean deleted = registry.unregisterImage(parameterName, imageId);
        return new RegistryCleanup(deleted, withdraw(registry, imageId, holder));
    }

    /**
     * Takes {@code imageId} off the active list only (claimed under its lock only when it lists the id), leaving the version
     * parameter alone: what revocation does. Re-running is a no-op.
     *
     * @return whether the id was listed and removed now
     */
    public static boolean withdraw(GoldenRegistry registry, String imageId, String holder) {
        boolean listed = registry.activeImages().contains(imageId);
        if (listed) {
            registry.removeActive(imageId, holder);
        }
        return listed;
    }
}
