package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.registry.EvidenceStore;
import io.gilder.rescan.EvidenceIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Evidence in the stack's bucket ({@code gilder.storage.evidence-bucket}), encrypted by the bucket's default. */
@ApplicationScoped
public class S3EvidenceStore implements EvidenceStore, EvidenceIndex {

    private final S3Client s3;
    private final String bucket;

    @Inject
    S3EvidenceStore(S3Client s3, GilderConfig config) {
        this(s3, config.storage().evidenceBucket().orElse(null));
    }

    /** @param bucket the evidence bucket; {@code null} fails each call naming the missing setting */
    public S3EvidenceStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String put(String key, String contentType, byte[] body) {
        AwsCall.run("S3 PutObject", () -> s3.putObject(r -> r.bucket(bucket()).key(key).contentType(contentType),
                RequestBody.fromBytes(body)));
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(AwsCall.run("S3 GetObject", () -> s3.getObjectAsBytes(r -> r.bucket(bucket()).key(key)))
                    .asByteArray());
        } catch (io.gilder.error.AwsCallFailedException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code ListObjectsV2}, every page (1,000 keys a page). */
    @Override
    public List<Entry> list(String prefix) {
        return AwsCall.run("S3 ListObjectsV2", () -> s3.listObjectsV2Paginator(r -> r.bucket(bucket()).prefix(prefix)).contents()
                .stream().map(o -> new Entry(o.key(), o.lastModified())).toList());
    }

    private String bucket() {
        if (bucket == null) {
            throw new IllegalStateException("gilder.storage.evidence-bucket (GILDER_STORAGE_EVIDENCE_BUCKET) is not set");
        }
        return bucket;
    }
}
