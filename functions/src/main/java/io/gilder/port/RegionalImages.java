package io.gilder.port;

import io.gilder.domain.RetiredImage;

/** Removes the pipeline account's images in any region. Throws {@link io.gilder.error.GilderException} when a call fails. */
public interface RegionalImages {

    /**
     * Deregisters the image, then deletes exactly the snapshots of its block device mappings that this account
     * owns. Idempotent: a re-run after a failure between the two still finds and deletes those snapshots.
     */
    RetiredImage retire(String region, String imageId);
}
