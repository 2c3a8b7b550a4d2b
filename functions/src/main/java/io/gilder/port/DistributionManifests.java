package io.gilder.port;

import java.time.Instant;
import java.util.Optional;

/**
 * The distribution records ("manifests") of builds: where copies, parameters and the Service Catalog version
 * went. Every method throws {@link io.gilder.error.GilderException} when a call fails.
 */
public interface DistributionManifests {

    /** @return the decoded JSON record under {@code key}, or empty when there is none */
    Optional<Object> read(String key);

    /**
     * Adds {@code decommissioned: {at, by}} to the record under {@code key}, keeping the rest; does nothing
     * when there is no record.
     */
    void markDecommissioned(String key, String executionArn, Instant at);

    /** Where the record is kept, for messages: {@code s3://bucket/key}. */
    String describe(String key);
}
