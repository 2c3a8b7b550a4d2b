package io.gilder.distribution;

import io.gilder.registry.DistributionTarget;
import io.gilder.registry.NamedVersion;
import java.util.List;

/**
 * A well-formed distribution request (not yet checked against AWS).
 *
 * @param parameterName the golden image's version parameter, {@code /GoldenAMI/<os>/<product>/<version>}
 * @param targets       every account and region to reach, without duplicates, sorted
 */
public record DistributionRequest(NamedVersion product, NamedVersion os, String buildVersion, String parameterName,
        List<DistributionTarget> targets) {

    public DistributionRequest {
        targets = List.copyOf(targets);
    }
}
