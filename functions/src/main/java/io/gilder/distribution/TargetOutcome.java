package io.gilder.distribution;

import io.gilder.registry.DistributionTarget;

/**
 * How one target of a distribution ended.
 *
 * @param error what went wrong, for people (e.g. {@code AwsCallFailedException: sts:AssumeRole failed with AccessDenied: ...});
 *              null when the target succeeded
 */
public record TargetOutcome(String accountId, String region, String error) {

    public boolean failed() {
        return error != null;
    }

    public DistributionTarget target() {
        return new DistributionTarget(accountId, region);
    }
}
