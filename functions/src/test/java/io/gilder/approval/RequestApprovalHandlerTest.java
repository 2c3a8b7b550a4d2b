package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.FakeEvidenceStore;
import io.gilder.registry.FakeNotifier;
import io.gilder.scan.EvidenceJson;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsDocument;
import io.gilder.scan.FindingsSummary;
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
               "excludePackages":["kernel*"],"scanner":"qualys","scanPolicy":{"maxSeverity":3,"ignoredFindingIds":["38739"],
                 "exceptions":[{"id":"38739","expires":"2027-03-31","reason":"Weak SSH kex until the Q1 rollout"}]},
               "approvalTimeoutSeconds":259200,"parameterName":"/GoldenAMI/AmazonLinux-2023/WebServer-1.0/7"},
             "sourceImage":{"imageId":"ami-0fedcba9876543210","name":"al2023","state":"available","rootDeviceType":"ebs",
               "platform":null,"architecture":"x86_64","rootDeviceName":"/dev/xvda","ownerId":"137112412989","ownerAlias":"amazon",
               "creationDate":"2024-11-05T10:21:03.000Z"},
             "scan":{"scanner":"qualys","scanRef":"scan/1.2","total":9,"highestSeverity":4,
               "bySeverity":{"1":5,"2":2,"3":1,"4":1,"5":0},"evidence":{"raw":"s3://ev/raw.xml","findings":"s3://ev/findings.json"},
               "proof":"qualys scan scan/1.2 scanned 10.0.1.23 to the end (9 result rows for this IP in the finished scan)",
               "done":true,"attempt":3},
             "policy":{"passed":false,"reason":"1 finding above severity 3","blocking":[{"id":"38170","severity":4}],
               "evidence":"s3://ev/policy.json"},
             "timeoutSeconds":259200}
            """.formatted(TOKEN);

    private final FakeApprovalStore store = new FakeApprovalStore();
    private final FakeNotifier notifier = new FakeNotifier();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final FakeEvidenceStore evidence = new FakeEvidenceStore();
    private final RequestApprovalHandler handler = new RequestApprovalHandler(new ApprovalRequests(store, notifier,
            new ApprovalIds(SecureRandom::new), "https://abc.execute-api.us-east-1.amazonaws.com/approvals", clock), evidence);

    /** The findings Collect Findings stored for scan/1.2 of the candidate. */
    @org.junit.jupiter.api.BeforeEach
    void storeFindings() {
        java.util.List<Finding> findings = new java.util.ArrayList<>();
        findings.add(new Finding("38170", 4, "SSL Certificate - Expired", java.util.List.of("CVE-2024-0727"), 443, "tcp"));
        for (int i = 0; i < 12; i++) {
            findings.add(new Finding("900" + i, 1, "Information " + i, java.util.List.of(), null, null));
        }
        evidence.put("AmazonLinux-2023/WebServer-1.0/7/ami-0123456789abcdef0/scan/scan-1.2/findings.json", "application/json",
                EvidenceJson.write(new FindingsDocument("qualys", "scan/1.2", "ami-0123456789abcdef0", "proof",
                        FindingsSummary.of(findings), findings)));
    }

    @Test
    void theApproverSeesEverythingThatWentIn() throws Exception {
        handler.handleRequest(MAPPER.readValue(INPUT, RequestApprovalInput.class), null);

        ReviewSheet review = store.find(linkedId()).orElseThrow().review();
        assertThat(review.source()).isEqualTo(new ReviewSheet.Source("ami-0fedcba9876543210", "137112412989 (amazon)", "al2023",
                "2024-11-05T10:21:03.000Z"));
        assertThat(review.scripts()).singleElement().satisfies(s -> {
            assertThat(s.step()).isEqualTo("post-update");
            assertThat(s.location()).isEqualTo("inline");
            assertThat(s.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("echo hi".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            assertThat(s.firstLines()).containsExactly("echo hi");
        });
        assertThat(review.topFindings()).hasSize(ReviewSheet.TOP_FINDINGS).first()
                .isEqualTo(new ReviewSheet.TopFinding("38170", 4, "SSL Certificate - Expired", java.util.List.of("CVE-2024-0727")));
        assertThat(notifier.notices.get(0).message()).contains(
                "Source image: ami-0fedcba9876543210, owner 137112412989 (amazon), name al2023, created 2024-11-05T10:21:03.000Z",
                "Script:       post-update inline sha256 ", "| echo hi",
                "Packages:     all updated; never kernel*",
                "Policy:       severity at most 3, ignoring 38739",
                "exception 38739 until 2027-03-31: Weak SSH kex until the Q1 rollout",
                "Scan:         qualys scan/1.2; qualys scan scan/1.2 scanned 10.0.1.23 to the end",
                "Finding:      severity 4 38170 SSL Certificate - Expired https://nvd.nist.gov/vuln/detail/CVE-2024-0727");
    }

    @Test
    void aScanWhoseStoredFindingsAreMissingIsNotOfferedForApproval() throws Exception {
        evidence.objects.clear();

        assertThatThrownBy(() -> handler.handleRequest(MAPPER.readValue(INPUT, RequestApprovalInput.class), null))
                .isInstanceOf(io.gilder.error.FindingsNotFoundException.class).hasMessageContaining("scan/1.2");
        assertThat(notifier.notices).isEmpty();
    }

    @Test
    void storesTheTokenUnderANewIdAndEMailsTheLink() throws Exception {
        ApprovalTicket ticket = handler.handleRequest(MAPPER.readValue(INPUT, RequestApprovalInput.class), null);
        String id = linkedId();

        assertThat(ApprovalIds.isWellFormed(id)).isTrue();
        assertThat(ticket.expiresAt()).isEqualTo("2025-03-04T10:00:00Z");
        assertThat(ticket.reference()).isEqualTo(ApprovalIds.reference(id));
        assertThat(MAPPER.writeValueAsString(ticket)).as("the Lambda's result names no link").doesNotContain(id);
        Approval stored = store.find(id).orElseThrow();
        assertThat(store.tokenOf(id)).isEqualTo(TOKEN);
        assertThat(stored.findings().bySeverity()).isEqualTo(java.util.Map.of(1, 5, 2, 2, 3, 1, 4, 1, 5, 0));
        assertThat(stored.findings().highestSeverity()).isEqualTo(4);
        assertThat(stored.findings().total()).isEqualTo(9);
        assertThat(stored.evidenceLink()).isEqualTo("s3://ev/findings.json");
        assertThat(stored.policy()).isEqualTo(new Approval.Policy(false, "1 finding above severity 3"));
        assertThat(stored.sourceImageId()).isEqualTo("ami-0fedcba9876543210");
        assertThat(stored.title()).isEqualTo("WebServer-1.0 on AmazonLinux-2023, build 7");
        assertThat(notifier.notices).singleElement().satisfies(n -> assertThat(n.message())
                .contains("https://abc.execute-api.us-east-1.amazonaws.com/approvals/" + id)
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

        handler.handleRequest(bare, null);

        Approval stored = store.find(linkedId()).orElseThrow();
        assertThat(stored.findings().total()).isZero();
        assertThat(stored.evidenceLink()).isNull();
        assertThat(stored.policy().passed()).isFalse();
    }

    /** The link expires with the waiting task: from the state's entry on the first attempt, from now on a retry. */
    @Test
    void theDeadlineRunsFromTheStatesEntryOnTheFirstAttemptAndFromNowOnARetryAndABadTimeIsNamed() throws Exception {
        var full = MAPPER.readValue(INPUT, RequestApprovalInput.class);
        java.util.function.BiFunction<String, Integer, RequestApprovalInput> at = (since, attempt) -> new RequestApprovalInput(
                full.taskToken(), full.executionArn(), full.imageId(), full.request(), full.sourceImage(), null, null, 600, since, attempt);

        handler.handleRequest(at.apply("2025-03-01T09:59:57.500Z", 0), null);
        assertThat(store.find(linkedId()).orElseThrow().expiresAt()).isEqualTo(Instant.parse("2025-03-01T10:09:57.500Z"));
        handler.handleRequest(at.apply("2025-03-01T09:59:57.500Z", 1), null);
        assertThat(store.find(linkedId()).orElseThrow().expiresAt()).isEqualTo(Instant.parse("2025-03-01T10:10:00Z"));
        assertThatThrownBy(() -> handler.handleRequest(at.apply("yesterday", 0), null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("waitingSince");
    }

    @Test
    void withoutARequestNothingIsStored() throws Exception {
        var full = MAPPER.readValue(INPUT, RequestApprovalInput.class);

        assertThatThrownBy(() -> handler.handleRequest(new RequestApprovalInput(TOKEN, full.executionArn(), full.imageId(), null,
                null, null, null, 600), null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("request is required");
        assertThat(notifier.notices).isEmpty();
    }

    /** The id in the approval link of the last e-mail: only the e-mail carries it. */
    private String linkedId() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/approvals/([A-Za-z0-9_-]{32})")
                .matcher(notifier.notices.get(notifier.notices.size() - 1).message());
        assertThat(m.find()).as("an approval link in the e-mail").isTrue();
        return m.group(1);
    }
}
