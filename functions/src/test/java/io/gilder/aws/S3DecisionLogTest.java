package io.gilder.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.approval.AuditRecord;
import io.gilder.error.AwsCallFailedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The decision log writes each record once, under a key naming its time, request and outcome, only if that key is new.
 * The local stack's ApprovalPageFaultInjectionTest loses a real write's answer at the gateway; this pins the mapping of
 * S3's answers.
 */
class S3DecisionLogTest {

    private static final AuditRecord RECORD = new AuditRecord(Instant.parse("2026-12-04T06:30:00.123Z"), "req-7", "decide", "ref-123456ab",
            "approved", 0, "ann-0001", "ann@example.com", "https://idp.example", "192.0.2.1", "agent");

    private final List<PutObjectRequest> puts = new ArrayList<>();

    private S3Client s3(S3Exception answer) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("putObject") && args != null && args.length == 2 && args[0] instanceof PutObjectRequest request) {
                puts.add(request);
                if (answer != null) {
                    throw answer;
                }
                return PutObjectResponse.builder().build();
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class}, handler);
    }

    private static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void aRecordIsWrittenOnlyUnderANewKeyNamingItsTimeRequestAndOutcome() {
        new S3DecisionLog(s3(null), "audit").append(RECORD);

        assertThat(puts).singleElement().satisfies(put -> {
            assertThat(put.bucket()).isEqualTo("audit");
            assertThat(put.key()).isEqualTo("approvals/2026/12/04/2026-12-04T06:30:00.123Z-req-7-approved.json");
            assertThat(put.ifNoneMatch()).isEqualTo("*");
        });
    }

    @Test
    void aKeyTakenAlreadyIsThisVeryRecordWrittenByAnAttemptWhoseAnswerWasLost() {
        new S3DecisionLog(s3(error(412, "PreconditionFailed")), "audit").append(RECORD);

        assertThat(puts).hasSize(1);
    }

    @Test
    void anyOtherRefusalMeansTheRecordWasNotKept() {
        S3DecisionLog refused = new S3DecisionLog(s3(error(403, "AccessDenied")), "audit");

        assertThatThrownBy(() -> refused.append(RECORD)).isInstanceOf(AwsCallFailedException.class).hasMessageContaining("AccessDenied");
    }
}
