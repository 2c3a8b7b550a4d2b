package io.gilder.distribution;

import io.gilder.registry.DistributionImage;
import io.gilder.registry.GilderTags;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tags of a golden image's regional copies and their snapshots, given at {@code CopyImage}. */
public final class DistributionTags {

    /** On a regional copy: the id of the golden image in the pipeline's home region it was copied from. */
    public static final String SOURCE_IMAGE = "gilder:source-image";

    private DistributionTags() {}

    /** What a copy of {@code image} made by {@code executionArn} carries. */
    public static Map<String, String> copy(DistributionImage image, String executionArn) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(GilderTags.NAME, image.name());
        tags.put(GilderTags.PRODUCT, image.product());
        tags.put(GilderTags.OS, image.os());
        tags.put(GilderTags.VERSION, image.buildVersion());
        tags.put(GilderTags.AMI_TYPE, GilderTags.GOLDEN);
        tags.put(SOURCE_IMAGE, image.imageId());
        tags.put(GilderTags.EXECUTION, executionArn);
        tags.values().removeIf(java.util.Objects::isNull);
        return tags;
    }
}
