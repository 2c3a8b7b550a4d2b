package io.gilder.distribution;

import io.gilder.registry.DistributionTarget;
import io.gilder.registry.NamedVersion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A well-formed distribution request (not yet checked against AWS).
 *
 * @param parameterName the golden image's version parameter, {@code /GoldenAMI/<os>/<product>/<version>}
 * @param targets       every account and region to reach, without duplicates, sorted
 * @param accountFields each distinct account and the input field that first named it ({@code targets[0].accountId},
 *                      {@code MetadataJSON.111122223333}), in account order: where an error about the account points
 */
public record DistributionRequest(NamedVersion product, NamedVersion os, String buildVersion, String parameterName,
        List<DistributionTarget> targets, Map<String, String> accountFields) {

    public DistributionRequest {
        targets = List.copyOf(targets);
        accountFields = java.util.Collections.unmodifiableMap(new TreeMap<>(accountFields));
    }
}
