package io.gilder.distribution;

import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionTarget;
import java.util.List;

/**
 * A distribution that may start: the image, each distinct region with its accounts (for the copy
 * and share Map), and each account with its regions (one child execution each), both sorted.
 */
public record ValidatedDistribution(DistributionImage image, List<RegionTargets> regions, List<AccountTargets> accounts,
        DistributionSettings settings) {

    public ValidatedDistribution {
        regions = List.copyOf(regions);
        accounts = List.copyOf(accounts);
    }

    /** Every account and region, in account and region order. */
    public static List<DistributionTarget> targets(List<AccountTargets> accounts) {
        return accounts.stream().flatMap(a -> a.regions().stream().map(region -> new DistributionTarget(a.accountId(), region)))
                .sorted().toList();
    }
}
