package io.gilder.port;

import io.gilder.domain.ImageFacts;
import java.util.Optional;

/** Looks up AMIs visible to this account in this region. */
public interface ImageCatalog {

    /**
     * @return the image, or empty when no image with this id is visible to the account (unknown,
     *         deregistered, or private to another account)
     * @throws io.gilder.error.GilderException when the look-up itself fails
     */
    Optional<ImageFacts> find(String imageId);
}
