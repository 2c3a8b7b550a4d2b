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
import software.amazon.awssdk.services.s3.model.S3Exception;

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

    @Override
    public Optional<Tagged> getTagged(String key) {
        try {
            var object = AwsCall.run("S3 GetObject", () -> s3.getObjectAsBytes(r -> r.bucket(bucket()).key(key)));
            return Optional.of(new Tagged(object.asByteArray(), object.response().eTag()));
        } catch (io.gilder.error.AwsCallFailedException e) {
            if (e.getCause() instanceof NoSuchKeyException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code PutObject} with {@code If-Match: <etag>}, or {@code If-None-Match: *} for a new object: S3 checks and
     * writes atomically. 412 (the object changed), 409 (a concurrent conditional write won) and 404 (the object was
     * deleted meanwhile) all mean someone else wrote first.
     */
    @Override
    public boolean putIfUnchanged(String key, String contentType, byte[] body, String etag) {
        try {
            AwsCall.run("S3 PutObject", () -> s3.putObject(r -> {
                r.bucket(bucket()).key(key).contentType(contentType);
                if (etag == null) {
                    r.ifNoneMatch("*");
                } else {
                    r.ifMatch(etag);
                }
            }, RequestBody.fromBytes(body)));
            return true;
        } catch (io.gilder.error.GilderException e) {
            if (e.getCause() instanceof S3Exception s3e && (s3e.statusCode() == 412 || s3e.statusCode() == 409 || s3e.statusCode() == 404)) {
                return false;
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
