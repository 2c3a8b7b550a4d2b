package io.gilder.distribution;

import io.gilder.registry.RegionalImages;
import java.util.Optional;

/** Finds the pipeline's copy of a golden image in another region, also when its tagging never happened. */
public final class RegionalCopies {

    private RegionalCopies() {}

    /**
     * The copy of {@code source} (an image of {@code homeRegion}) in {@code region}: by its {@code gilder:source-image}
     * tag, else by the source's name (a copy keeps it, and an AMI name is unique per account and region) when that image
     * names no other source. The second way finds a copy whose tagging failed right after {@code CopyImage}: without it
     * a decommission or revocation would miss (and leak) that copy.
     */
    public static Optional<String> find(RegionalImages images, String homeRegion, String source, String region) {
        Optional<String> tagged = images.findByTag(region, DistributionTags.SOURCE_IMAGE, source);
        if (tagged.isPresent()) {
            return tagged;
        }
        return images.describe(homeRegion, source).flatMap(original -> images.findByName(region, original.name()))
                .filter(id -> images.describe(region, id)
                        .map(found -> source.equals(found.tags().getOrDefault(DistributionTags.SOURCE_IMAGE, source))).orElse(false));
    }
}
