package io.gilder.distribution;

import io.gilder.registry.RegionalImages;
import java.util.Optional;

/** Finds the pipeline's copy of a golden image in another region. */
public final class RegionalCopies {

    private RegionalCopies() {}

    /**
     * The copy of {@code source} (an image of {@code homeRegion}) in {@code region}, by its {@code gilder:source-image} tag:
     * every copy Gilder makes carries it from {@code CopyImage} on (with its snapshots), so an image that lacks it is not
     * Gilder's copy, whatever its name, and is left alone.
     *
     * @param homeRegion kept for the callers' symmetry with {@link RegionalImages}; the tag alone identifies the copy
     */
    public static Optional<String> find(RegionalImages images, String homeRegion, String source, String region) {
        return images.findByTag(region, DistributionTags.SOURCE_IMAGE, source);
    }
}
