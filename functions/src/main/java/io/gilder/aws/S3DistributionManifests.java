package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.RegistryBusyException;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.EvidenceStore;
import io.gilder.scan.EvidenceJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@link DistributionManifests} as indented JSON documents in the evidence bucket, changed only by conditional writes. */
@ApplicationScoped
public class S3DistributionManifests implements DistributionManifests {

    static final int ATTEMPTS = 5;

    private final EvidenceStore store;
    private final String bucket;

    @Inject
    S3DistributionManifests(EvidenceStore store, GilderConfig config) {
        this(store, config.storage().evidenceBucket().orElse("(evidence bucket unset)"));
    }

    /** @param bucket the evidence bucket's name, for messages */
    public S3DistributionManifests(EvidenceStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    @Override
    public Optional<DistributionManifest> read(String key) {
        return store.get(key).map(body -> EvidenceJson.read(body, DistributionManifest.class, describe(key)));
    }

    /**
     * Read, change, conditional write (the ETag read must still be current, or no object for a new one); a write
     * refused because another run wrote first is retried from the read, up to {@link #ATTEMPTS} times.
     */
    @Override
    public Optional<DistributionManifest> update(String key, UnaryOperator<Optional<DistributionManifest>> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<EvidenceStore.Tagged> stored = store.getTagged(key);
            Optional<DistributionManifest> current = stored.map(s -> EvidenceJson.read(s.body(), DistributionManifest.class, describe(key)));
            Optional<DistributionManifest> changed = change.apply(current);
            if (changed.isEmpty() || changed.equals(current)) {
                return changed;
            }
            if (!changed.get().key().equals(key)) {
                throw new IllegalArgumentException("a manifest for " + changed.get().key() + " cannot be stored under " + key);
            }
            if (store.putIfUnchanged(key, EvidenceJson.CONTENT_TYPE, EvidenceJson.write(changed.get()),
                    stored.map(EvidenceStore.Tagged::etag).orElse(null))) {
                return changed;
            }
            // Another run wrote the manifest between the read and the write: read its version and apply the change again.
        }
        throw new RegistryBusyException(describe(key) + " changed under each of " + ATTEMPTS + " attempts to record this run; retry");
    }

    /** Stores {@code manifest} as it is (replacing, conditionally, what was there): for tests and tools. */
    public void write(DistributionManifest manifest) {
        update(manifest.key(), stored -> Optional.of(manifest));
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
