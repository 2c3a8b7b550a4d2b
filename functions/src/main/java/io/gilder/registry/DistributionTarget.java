package io.gilder.registry;

import java.util.Comparator;

/** One account in one region that receives a golden image. Ordered by account, then region. */
public record DistributionTarget(String accountId, String region) implements Comparable<DistributionTarget> {

    private static final Comparator<DistributionTarget> ORDER = Comparator.comparing(DistributionTarget::accountId)
            .thenComparing(DistributionTarget::region);

    /** {@code 111122223333/eu-west-1}, as errors and the manifest name a target. */
    public String id() {
        return accountId + "/" + region;
    }

    @Override
    public int compareTo(DistributionTarget other) {
        return ORDER.compare(this, other);
    }
}
