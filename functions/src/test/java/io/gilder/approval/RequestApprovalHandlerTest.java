package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.FakeNotifier;
import io.gilder.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestApprovalHandlerTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX-secret-task-token";
    /** Strict on purpose: the records themselves must tolerate what other states add. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the state passes: the build's state paths plus the task token and the task's time-out. */
    private static final String INPUT = """
            {"taskToken":"%s",
             "executionArn":"arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1",
             "imageId":"ami-0123456789abcdef0",
             "request":{"sourceAmiId":"ami-0fedcba9876543210","product":{"name":"WebServer","version":"1.0"},
               "os":{"name":"AmazonLinux","version":"2023"},"buildVersion":"7","instanceType":"t3.medium",
               "preUpdateScript":null,"postUpdateScript":{"kind":"INLINE","source":"echo hi"},"includePackages":[],
               "excludePackages":["kernel*"],"scanner":"qualys","scanPolicy":{"maxSeverity":3,"ignoredFindingIds":[]},
               "approvalTimeoutSeconds":259200,"parameterName":"/GoldenAMI/AmazonLinux-2023/WebServer-1.0/7"},
             "sourceImage":{"imageId":"ami-0fedcba9876543210","name":"al2023","state":"available","rootDeviceType":"ebs",
               "platform":null,"architecture":"x86_64","rootDeviceName":"/dev/xvda"},
             "scan":{"scanner":"qualys","scanRef":"scan/1.2","total":9,"highestSeverity":4,
               "bySeverity":{"1":5,"2":2,"3":1,"4":1,"5":0},"evidence":{"raw":"s3://ev/raw.xml","findings":"s3://ev/findings.json"},
               "done":true,"attempt":3},
             "policy":{"passed":false,"reason":"1 finding above severity 3","blocking":[{"id":"38170","severity":4}],
               "evidence":"s3://ev/policy.json"},
             "timeoutSeconds":259200}
            """.formatted(TOKEN);

    private final FakeApprovalStore store = new FakeApprovalStore();
    private final FakeNotifier notifier = new FakeNotifier();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final RequestApprovalHandler handler = new RequestApprovalHandler(new ApprovalRequests(store, notifier,
            new ApprovalIds(SecureRandom::new), "https://abc.execute-api.us-east-1.amazonaws.com/approvals", clock));

    @Test
    void storesTheTokenUnderANewIdAndEMailsTheLink() throws Exception {
        ApprovalTicket ticket = handler.handleRequest(MAPPER.readValue(INPUT, RequestApprovalInput.class), null);

        assertThat(ApprovalIds.isWellFormed(ticket.approvalId())).isTrue();
        assertThat(ticket.expiresAt()).isEqualTo("2025-03-04T10:00:00Z");
        Approval stored = store.find(ticket.approvalId()).orElseThrow();
        assertThat(store.tokenOf(ticket.approvalId())).isEqualTo(TOKEN);
        assertThat(stored.findings().bySeverity()).isEqualTo(java.util.Map.of(1, 5, 2, 2, 3, 1, 4, 1, 5, 0));
        assertThat(stored.findings().highestSeverity()).isEqualTo(4);
        assertThat(stored.findings().total()).isEqualTo(9);
        assertThat(stored.evidenceLink()).isEqualTo("s3://ev/findings.json");
        assertThat(stored.policy()).isEqualTo(new Approval.Policy(false, "1 finding above severity 3"));
        assertThat(stored.sourceImageId()).isEqualTo("ami-0fedcba9876543210");
        assertThat(stored.title()).isEqualTo("WebServer-1.0 on AmazonLinux-2023, build 7");
        assertThat(notifier.notices).singleElement().satisfies(n -> assertThat(n.message())
                .contains("https://abc.execute-api.us-east-1.amazonaws.com/approvals/" + ticket.approvalId())
                .doesNotContain(TOKEN));
        assertThat(MAPPER.writeValueAsString(ticket)).doesNotContain(TOKEN);
    }

    @Test
    void theInputNeverPrintsItsToken() throws Exception {
        assertThat(MAPPER.readValue(INPUT, RequestApprovalInput.class).toString()).doesNotContain(TOKEN).contains("<redacted>");
    }

    @Test
    void aMissingScanIsShownAsNoFindingsAndAMissingPolicyAsNotPassed() throws Exception {
        var full = MAPPER.readValue(INPUT, RequestApprovalInput.class);
        var bare = new RequestApprovalInput(full.taskToken(), full.executionArn(), full.imageId(), full.request(),
                full.sourceImage(), null, null, 600);

        ApprovalTicket ticket = handler.handleRequest(bare, null);

        Approval stored = store.find(ticket.approvalId()).orElseThrow();
        assertThat(stored.findings().total()).isZero();
        assertThat(stored.evidenceLink()).isNull();
        assertThat(stored.policy().passed()).isFalse();
    }

    @Test
    void withoutARequestNothingIsStored() throws Exception {
        var full = MAPPER.readValue(INPUT, RequestApprovalInput.class);

        assertThatThrownBy(() -> handler.handleRequest(new RequestApprovalInput(TOKEN, full.executionArn(), full.imageId(), null,
                null, null, null, 600), null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("request is required");
        assertThat(notifier.notices).isEmpty();
    }
}
