package io.gilder.build;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Makes and unmakes AMIs owned by this account. Every method throws
 * {@link io.gilder.error.GilderException} when the call itself fails (retryable for throttling and
 * outages, terminal otherwise).
 */
public interface ImageFactory {

    /** @return the id of this account's image named {@code name}, or empty when there is none */
    Optional<String> findOwnedByName(String name);

    /**
     * Starts capturing an image of {@code instanceId} (rebooting it unless stopped), tagging the image
     * and each of its snapshots with {@code tags} at creation. If an image of this name appeared meanwhile (a concurrent retry), returns
     * that image's id instead of failing.
     *
     * @return the id of the (pending) image
     */
    String createImage(String instanceId, String name, String description, Map<String, String> tags);

    /** @return the image, or empty when no image of this account has this id (any more) */
    Optional<ImageRecord> describe(String imageId);

    /** Adds or overwrites {@code tags} on images and snapshots; other tags stay. Does nothing for no ids. */
    void tag(Collection<String> resourceIds, Map<String, String> tags);

    /** @return true when the image was deregistered now, false when it was already gone */
    boolean deregister(String imageId);

    /** @return true when the snapshot was deleted now, false when it was already gone */
    boolean deleteSnapshot(String snapshotId);
}
