package io.gilder.registry;

import java.util.Optional;

/**
 * The distribution manifests of golden image versions ({@link DistributionManifest}, stored at
 * {@link DistributionManifest#key()}): what record-distribution writes and decommission reads. Every method
 * throws {@link io.gilder.error.GilderException} when a call fails.
 */
public interface DistributionManifests {

    /**
     * @return the manifest under {@code key}, or empty when there is none
     * @throws IllegalStateException when what is stored there is not a manifest
     */
    Optional<DistributionManifest> read(String key);

    /** Stores {@code manifest} at its {@link DistributionManifest#key()}, replacing what was there. */
    void write(DistributionManifest manifest);

    /** Where the manifest is kept, for messages: {@code s3://bucket/key}. */
    String describe(String key);
}
