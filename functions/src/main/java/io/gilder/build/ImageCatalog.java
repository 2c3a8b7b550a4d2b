package io.gilder.build;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Looks up AMIs visible to this account in this region. */
public interface ImageCatalog {

    /**
     * @return the image, or empty when no image with this id is visible to the account (unknown,
     *         deregistered, or private to another account)
     * @throws io.gilder.error.GilderException when the look-up itself fails
     */
    Optional<ImageFacts> find(String imageId);

    /**
     * The images among {@code imageIds} that this account owns, in any state EC2 still reports, with their
     * tags. Ids EC2 does not know are simply absent (never an error).
     *
     * @throws io.gilder.error.GilderException when a look-up fails
     */
    List<ImageRecord> ownedImages(Collection<String> imageIds);
}
