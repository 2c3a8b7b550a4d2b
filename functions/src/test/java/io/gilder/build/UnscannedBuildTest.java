package io.gilder.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalOutcome;
import io.gilder.approval.ApprovalPages;
import io.gilder.registry.FakeEvidenceStore;
import io.gilder.scan.EvaluateScanPolicyHandler;
import io.gilder.scan.FindingsReport;
import io.gilder.scan.ScanHandlersTest;
import io.gilder.testing.Approvals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** A build with scanner {@code none}: the "Skip Scan" state's summary through the policy gate and onto the approval page. */
class UnscannedBuildTest {

    /** What the state machine's "Skip Scan" Pass state puts in {@code $.scan}. */
    private static final FindingsReport SKIPPED = new FindingsReport("none", "unscanned", 0, 0, Map.of(),
            new FindingsReport.Evidence(null, null), null);

    private final FakeEvidenceStore evidence = new FakeEvidenceStore();

    @Test
    void thePolicyGateReadsNoFindingsAndRecordsThatNothingWasScanned() throws Exception {
        var out = new EvaluateScanPolicyHandler(evidence).handleRequest(new EvaluateScanPolicyHandler.Input(SKIPPED,
                ScanHandlersTest.IMAGE, ScanHandlersTest.request(new ScanPolicy(1, List.of()))), null);

        assertThat(out.passed()).isTrue();
        assertThat(out.reason()).startsWith("NOT SCANNED");
        String key = "AmazonLinux-2023/WebServer-1.2/7/" + ScanHandlersTest.IMAGE + "/scan/unscanned/decision.json";
        assertThat(evidence.objects).containsOnlyKeys(key);
        assertThat(out.evidence()).isEqualTo(new EvaluateScanPolicyHandler.Evidence(null, "s3://evidence/" + key));
        JsonNode decision = ScanHandlersTest.JSON.readTree(evidence.objects.get(key));
        assertThat(decision.get("scanner").asText()).isEqualTo("none");
        assertThat(decision.at("/decision/reason").asText()).contains("no vulnerability scan ran");
    }

    @Test
    void theApprovalPageSaysTheImageWasNotScanned() {
        Approval scanned = Approvals.pending(Approvals.newId());
        Approval unscanned = new Approval(scanned.approvalId(), scanned.executionArn(), scanned.imageId(), scanned.product(),
                scanned.os(), scanned.buildVersion(), scanned.sourceImageId(), new Approval.Findings(Map.of(), 0, 0, "none"), null,
                new Approval.Policy(true, "NOT SCANNED: this build used scanner none"), scanned.createdAt(), scanned.expiresAt(),
                scanned.status(), null, null, null);

        String html = ApprovalPages.render(new ApprovalOutcome.Open(unscanned)).html();

        assertThat(html).contains("<h1>Approve UNSCANNED WebServer-1.0 on AmazonLinux-2023, build 7?</h1>",
                "<strong id=\"unscanned\">NOT SCANNED</strong>").doesNotContain("0 in total");
        assertThat(ApprovalPages.render(new ApprovalOutcome.Open(scanned)).html()).doesNotContain("UNSCANNED", "id=\"unscanned\"");
    }
}
