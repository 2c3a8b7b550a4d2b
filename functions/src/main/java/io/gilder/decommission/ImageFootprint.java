package io.gilder.decommission;

import java.util.ArrayList;
import java.util.List;

/**
 * Every place a golden image version is: the source image, its regional copies (pipeline account) and the child
 * accounts and regions whose registry may name it, as {@link DecommissionPlanner#footprint} finds them from the
 * distribution manifest (copies an interrupted run made found by their {@code gilder:source-image} tag).
 *
 * @param imageId      the source image, in {@code sourceRegion}
 * @param regions      the copies in other regions of the pipeline account (superseded ones too)
 * @param accounts     each child account and region with the id its registry may hold
 * @param hasManifest  whether a distribution manifest (not marked decommissioned) was found
 */
public record ImageFootprint(String imageId, String parameterName, String sourceRegion, List<DecommissionPlan.RegionalCopy> regions,
        List<DecommissionPlan.ChildTarget> accounts, boolean hasManifest) {

    public ImageFootprint {
        regions = List.copyOf(regions);
        accounts = List.copyOf(accounts);
    }

    /** The source image and every copy, in the pipeline account ({@code accountId} null). */
    public List<DecommissionPlan.ChildTarget> images() {
        List<DecommissionPlan.ChildTarget> images = new ArrayList<>();
        images.add(new DecommissionPlan.ChildTarget(null, sourceRegion, imageId));
        regions.forEach(c -> images.add(new DecommissionPlan.ChildTarget(null, c.region(), c.imageId())));
        return images.stream().distinct().toList();
    }
}
