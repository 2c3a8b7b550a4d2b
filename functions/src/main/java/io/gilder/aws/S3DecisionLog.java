package io.gilder.aws;

import io.gilder.approval.AuditRecord;
import io.gilder.approval.DecisionLog;
import io.gilder.config.GilderConfig;
import io.gilder.error.AwsCallFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/**
 * The decision log in the stack's audit bucket, under {@code approvals/<yyyy>/<MM>/<dd>/}: one object per record, written
 * only if no object has its key ({@code If-None-Match: *}), in a bucket with S3 Object Lock whose default retention
 * (governance mode, {@code AuditRetentionDays}) keeps every version from being changed or deleted until it lapses.
 */
@ApplicationScoped
public class S3DecisionLog implements DecisionLog {

    static final String PREFIX = "approvals/";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final S3Client s3;
    private final String bucket;

    @Inject
    S3DecisionLog(S3Client s3, GilderConfig config) {
        this(s3, config.approvals().auditBucket().orElse(null));
    }

    public S3DecisionLog(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void append(AuditRecord record) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("gilder.approvals.audit-bucket (GILDER_APPROVALS_AUDIT_BUCKET) is not set");
        }
        String key = key(record);
        try {
            AwsCall.run("S3 PutObject", () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json")
                    .ifNoneMatch("*").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    RequestBody.fromString(record.json() + "\n", StandardCharsets.UTF_8)));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof AwsServiceException refused && refused.statusCode() == PRECONDITION_FAILED) {
                // An object has this key, which names this record's time, request and outcome: this very record, written by
                // an attempt whose answer was lost (the SDK's retry of it then meets If-None-Match). It is kept.
                return;
            }
            throw e;
        }
    }

    /** S3's answer to {@code If-None-Match: *} when an object has the key. */
    static final int PRECONDITION_FAILED = 412;

    /**
     * {@code approvals/2026/12/04/2026-12-04T06:30:00.123Z-<request id>-<outcome>.json}: sorted by time, unique per request
     * and outcome (a decision's {@code submitted} record and its result are two objects).
     */
    static String key(AuditRecord record) {
        String request = record.requestId() == null ? "no-request-id" : record.requestId().replaceAll("[^A-Za-z0-9=_-]", "_");
        String outcome = record.outcome() == null ? "none" : record.outcome().replaceAll("[^A-Za-z0-9-]", "_");
        return PREFIX + DAY.format(record.at()) + "/" + record.at() + "-" + request + "-" + outcome + ".json";
    }
}
