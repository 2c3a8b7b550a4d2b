package io.gilder.registry;

import java.util.Optional;
import java.util.function.UnaryOperator;

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

    /**
     * Changes the manifest under {@code key} with a conditional write: {@code change} gets the stored manifest (empty
     * when there is none) and answers the one to store (empty: leave it as it is). When another writer changed it
     * between this read and this write, the write is refused by the store, and the manifest is read again and
     * {@code change} applied again, so concurrent runs merge their records instead of one losing the other's.
     *
     * @return the manifest stored now; empty when {@code change} left it as it was
     * @throws io.gilder.error.RegistryBusyException the manifest kept changing under every attempt: retry later
     */
    Optional<DistributionManifest> update(String key, UnaryOperator<Optional<DistributionManifest>> change);

    /** Where the manifest is kept, for messages: {@code s3://bucket/key}. */
    String describe(String key);
}
