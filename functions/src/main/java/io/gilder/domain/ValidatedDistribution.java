package io.gilder.domain;

import java.util.List;

/**
 * A distribution that may start: the image, each distinct region with its accounts (for the copy
 * and share Map), and every account and region (for the publish Map), both sorted.
 */
public record ValidatedDistribution(DistributionImage image, List<RegionTargets> regions, List<DistributionTarget> targets,
        DistributionSettings settings) {

    public ValidatedDistribution {
        regions = List.copyOf(regions);
        targets = List.copyOf(targets);
    }
}
