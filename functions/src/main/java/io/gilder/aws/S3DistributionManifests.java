package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.EvidenceStore;
import io.gilder.scan.EvidenceJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** {@link DistributionManifests} as indented JSON documents in the evidence bucket. */
@ApplicationScoped
public class S3DistributionManifests implements DistributionManifests {

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

    @Override
    public void write(DistributionManifest manifest) {
        store.put(manifest.key(), EvidenceJson.CONTENT_TYPE, EvidenceJson.write(manifest));
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
