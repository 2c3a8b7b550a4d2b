package io.gilder.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.build.BuildRequest;
import io.gilder.build.ScanPolicy;
import io.gilder.error.FindingsNotFoundException;
import io.gilder.error.ScanFailedException;
import io.gilder.error.TargetNotScannedException;
import io.gilder.error.UnknownScannerException;
import io.gilder.error.WaitTimedOutException;
import io.gilder.registry.FakeEvidenceStore;
import io.gilder.registry.NamedVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** start-scan, check-scan, collect-findings and evaluate-scan-policy with a scripted scanner and an in-memory store. */
public class ScanHandlersTest {

    static final String EXECUTION = "arn:aws:states:us-east-1:111122223333:execution:BuildGoldenAmi:build-42";
    public static final String IMAGE = "ami-0abc1234def567890";
    static final String REF = "scan/1741083304.41985";
    static final String FOLDER = "AmazonLinux-2023/WebServer-1.2/7/" + IMAGE + "/scan/scan-1741083304.41985/";
    public static final ObjectMapper JSON = new ObjectMapper();
    static final String INSTANCE = "i-0fedcba9876543210";
    static final String TARGET_IP = "10.0.1.23";

    public static BuildRequest request(ScanPolicy policy) {
        return new BuildRequest("ami-0123456789abcdef0", new NamedVersion("WebServer", "1.2"), new NamedVersion("AmazonLinux", "2023"),
                "7", "t3.medium", null, null, List.of(), List.of(), "qualys", policy, 72,
                "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7");
    }

    /** The build's subject, as "Prepare Scan Subject" writes it. */
    static SubjectInput subject(String scanner) {
        return new SubjectInput(IMAGE, "test", "AmazonLinux-2023", "WebServer-1.2", "7", "t3.medium", scanner, Map.of(), Map.of());
    }

    /** A scanner that answers from a script and records what it was asked. */
    static final class ScriptedScanner implements Scanner {
        final List<ScanTarget> started = new ArrayList<>();
        ScanProgress progress = new ScanProgress(ScanStatus.RUNNING, "Running");
        List<Finding> findings = List.of();
        /** What the results show scanned: by default the test instance's IP, finished. */
        ScanCoverage coverage = new ScanCoverage(List.of(new ScanCoverage.Host(TARGET_IP, true, "HOST_END now")), "1 host");

        @Override
        public String name() {
            return "qualys";
        }

        @Override
        public String start(ScanTarget target) {
            started.add(target);
            return REF;
        }

        @Override
        public ScanProgress status(String scanRef) {
            return progress;
        }

        @Override
        public ScanResults results(String scanRef) {
            return new ScanResults("[\"raw\"]".getBytes(StandardCharsets.UTF_8), "application/json", findings, coverage);
        }
    }

    final ScriptedScanner qualys = new ScriptedScanner();
    final Scanners scanners = new Scanners(List.of(qualys));
    final FakeEvidenceStore evidence = new FakeEvidenceStore();

    @Test
    void startScanTargetsTheInstanceAndItsPrivateIpWithATitleNamingImageInstanceAndExecution() {
        var out = new StartScanHandler(scanners).handleRequest(new StartScanHandler.Input(EXECUTION, "i-0fedcba9876543210",
                "10.0.1.23", subject("qualys")), null);

        assertThat(out).isEqualTo(new StartScanHandler.Output("qualys", REF));
        assertThat(qualys.started).containsExactly(new ScanTarget("i-0fedcba9876543210", "10.0.1.23",
                "Gilder WebServer-1.2 AmazonLinux-2023 v7 " + IMAGE + " (i-0fedcba9876543210, execution build-42)"));
    }

    @Test
    void aRescanTitleSaysSoAndTheScannerComesFromTheSubject() {
        var rescan = new SubjectInput(IMAGE, "rescan", "AmazonLinux-2023", "WebServer-1.2", "7", "t3.medium", "qualys",
                Map.of("continuous-assessment-instance", "true"), Map.of());
        new StartScanHandler(scanners).handleRequest(new StartScanHandler.Input(EXECUTION, "i-1", "10.0.1.23", rescan), null);

        assertThat(qualys.started.get(0).title()).startsWith("Gilder rescan WebServer-1.2 AmazonLinux-2023 v7 " + IMAGE);
    }

    @Test
    void aSubjectWithoutAScanRoleIsRefusedNamingTheField() {
        var builder = new SubjectInput(IMAGE, "builder", "AmazonLinux-2023", "WebServer-1.2", "7", "t3.medium", "qualys", Map.of(), Map.of());
        assertThatThrownBy(() -> new StartScanHandler(scanners).handleRequest(new StartScanHandler.Input(EXECUTION, "i-1", "10.0.1.23",
                builder), null)).isInstanceOf(io.gilder.error.InvalidRequestException.class).hasMessageContaining("subject.role");
        assertThatThrownBy(() -> new StartScanHandler(scanners).handleRequest(new StartScanHandler.Input(EXECUTION, "i-1", "10.0.1.23",
                null), null)).isInstanceOf(io.gilder.error.InvalidRequestException.class).hasMessageContaining("subject");
    }

    @Test
    void anUnknownScannerIsATerminalErrorNamingTheAvailableOnes() {
        assertThatThrownBy(() -> new StartScanHandler(scanners).handleRequest(new StartScanHandler.Input(EXECUTION,
                "i-1", "10.0.1.23", subject("tenable")), null))
                .isInstanceOf(UnknownScannerException.class).hasMessageContaining("'tenable'").hasMessageContaining("qualys");
    }

    @Test
    void checkScanCountsAttemptsUntilFinished() {
        CheckScanHandler check = new CheckScanHandler(scanners, 5);

        assertThat(check.handleRequest(new CheckScanHandler.Input("qualys", REF, 0), null))
                .isEqualTo(new CheckScanHandler.Output(false, 1, "RUNNING"));
        qualys.progress = new ScanProgress(ScanStatus.FINISHED, "Finished (Vuln)");
        assertThat(check.handleRequest(new CheckScanHandler.Input("qualys", REF, 1), null))
                .isEqualTo(new CheckScanHandler.Output(true, 2, "FINISHED"));
    }

    @Test
    void checkScanGivesUpAfterItsBoundWithTheLastState() {
        qualys.progress = new ScanProgress(ScanStatus.QUEUED, "Queued");

        assertThatThrownBy(() -> new CheckScanHandler(scanners, 5).handleRequest(new CheckScanHandler.Input("qualys", REF, 4), null))
                .isInstanceOf(WaitTimedOutException.class).hasMessageContaining(REF).hasMessageContaining("Queued");
    }

    @Test
    void anErrorScanFailsNamingTheScanAndState() {
        qualys.progress = new ScanProgress(ScanStatus.FAILED, "Error (Scan_Failed)");
        assertThatThrownBy(() -> new CheckScanHandler(scanners, 5).handleRequest(new CheckScanHandler.Input("qualys", REF, 0), null))
                .isInstanceOf(ScanFailedException.class).hasMessageContaining("qualys scan " + REF)
                .hasMessageContaining("Error (Scan_Failed)");
    }

    @Test
    void aCanceledScanOrOneThatScannedNoHostFailsClosedAsNotScanned() {
        for (ScanProgress ended : List.of(new ScanProgress(ScanStatus.CANCELED, "Canceled"),
                new ScanProgress(ScanStatus.NOT_SCANNED, "Finished (No_Host): no host was alive"))) {
            qualys.progress = ended;
            assertThatThrownBy(() -> new CheckScanHandler(scanners, 5).handleRequest(new CheckScanHandler.Input("qualys", REF, 0), null))
                    .isInstanceOf(TargetNotScannedException.class).hasMessageContaining("qualys scan " + REF)
                    .hasMessageContaining(ended.scannerState()).hasMessageContaining("fails closed");
        }
    }

    @Test
    void findingsCountOnlyWhenTheResultsProveTheTargetWasScanned() throws IOException {
        FindingsReport report = collect();

        assertThat(report.proof()).isEqualTo("qualys scan " + REF + " scanned " + TARGET_IP + " to the end (HOST_END now)");
        assertThat(JSON.readTree(evidence.objects.get(FOLDER + "findings.json")).get("proof").asText()).isEqualTo(report.proof());
    }

    @Test
    void resultsThatNameNoHostOrAnotherHostFailClosedKeepingTheRawAnswerButNoFindings() {
        for (ScanCoverage shown : List.of(ScanCoverage.none("the export lists no ReportHost"),
                new ScanCoverage(List.of(new ScanCoverage.Host("10.9.9.9", true, "HOST_END now")), "1 host"))) {
            evidence.objects.clear();
            qualys.coverage = shown;
            assertThatThrownBy(this::collect).isInstanceOf(TargetNotScannedException.class)
                    .hasMessageContaining("qualys scan " + REF).hasMessageContaining(INSTANCE).hasMessageContaining(TARGET_IP)
                    .hasMessageContaining(shown.reported());
            assertThat(evidence.objects).containsKey(FOLDER + "raw.json").doesNotContainKey(FOLDER + "findings.json");
        }
        assertThatThrownBy(this::collect).hasMessageContaining("it names only 10.9.9.9");
    }

    @Test
    void aTargetTheScannerDidNotFinishFailsClosedWithTheScannersWords() {
        qualys.coverage = new ScanCoverage(List.of(new ScanCoverage.Host(TARGET_IP, false,
                "Tenable considered the host dead (plugin 10180)")), "1 host");

        assertThatThrownBy(this::collect).isInstanceOf(TargetNotScannedException.class)
                .hasMessageContaining("did not finish scanning").hasMessageContaining("considered the host dead");
    }

    @Test
    void inspectorProvesTheScanByInstanceId() {
        qualys.coverage = new ScanCoverage(List.of(new ScanCoverage.Host(INSTANCE, true, "coverage ACTIVE (SUCCESSFUL)")), "covered");

        assertThat(collect().proof()).contains("scanned " + INSTANCE);
    }

    @Test
    void collectFindingsWithoutTheTargetIsRefusedNamingTheFieldsBeforeTheScannerIsAsked() {
        assertThatThrownBy(() -> new CollectFindingsHandler(scanners, evidence).handleRequest(
                new CollectFindingsHandler.Input("qualys", REF, null, " ", subject("qualys")), null))
                .isInstanceOf(io.gilder.error.InvalidRequestException.class).hasMessageContaining("instanceId")
                .hasMessageContaining("privateIp");
        assertThat(evidence.objects).isEmpty();
    }

    @Test
    void collectFindingsStoresRawAndNormalizedEvidenceAndSummarizes() throws IOException {
        qualys.findings = List.of(new Finding("82003", 1, "ICMP Timestamp", List.of("CVE-1999-0524"), null, "icmp"),
                new Finding("376657", 4, "openssl", List.of("CVE-2024-0727"), null, null),
                new Finding("38739", 3, "weak SSH", List.of(), 22, "tcp"));

        FindingsReport report = collect();

        assertThat(report.total()).isEqualTo(3);
        assertThat(report.highestSeverity()).isEqualTo(4);
        assertThat(report.bySeverity()).containsEntry("1", 1).containsEntry("3", 1).containsEntry("4", 1).containsEntry("5", 0);
        assertThat(report.evidence()).isEqualTo(new FindingsReport.Evidence("s3://evidence/" + FOLDER + "raw.json",
                "s3://evidence/" + FOLDER + "findings.json"));
        assertThat(new String(evidence.objects.get(FOLDER + "raw.json"), StandardCharsets.UTF_8)).isEqualTo("[\"raw\"]");
        JsonNode stored = JSON.readTree(evidence.objects.get(FOLDER + "findings.json"));
        assertThat(stored.get("scanRef").asText()).isEqualTo(REF);
        assertThat(stored.get("summary").get("total").asInt()).isEqualTo(3);
        assertThat(stored.get("findings")).extracting(f -> f.get("id").asText()).containsExactly("376657", "38739", "82003");
    }

    @Test
    void evaluateReadsTheStoredFindingsAndStoresTheDecisionBesideThem() throws IOException {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(new Finding(Integer.toString(1000 + i), i == 0 ? 5 : 4, "advisory " + i, List.of(), null, null));
        }
        many.add(new Finding("38739", 5, "ignored by policy", List.of(), 22, "tcp"));
        many.add(new Finding("82003", 2, "harmless", List.of(), null, null));
        qualys.findings = many;
        FindingsReport report = collect();

        var out = new EvaluateScanPolicyHandler(evidence).handleRequest(
                new EvaluateScanPolicyHandler.Input(report, IMAGE, request(new ScanPolicy(3, List.of("38739")))), null);

        assertThat(out.passed()).isFalse();
        assertThat(out.reason()).startsWith("25 findings are above the allowed severity 3 (1 ignored by policy): 1000 severity 5");
        assertThat(out.blocking()).hasSize(20).first().isEqualTo(new EvaluateScanPolicyHandler.BlockingFinding("1000", 5, "advisory 0"));
        assertThat(out.blocking()).extracting(EvaluateScanPolicyHandler.BlockingFinding::id).doesNotContain("38739", "82003");
        assertThat(out.evidence()).isEqualTo(new EvaluateScanPolicyHandler.Evidence(report.evidence().findings(),
                "s3://evidence/" + FOLDER + "decision.json"));
        JsonNode decision = JSON.readTree(evidence.objects.get(FOLDER + "decision.json"));
        assertThat(decision.get("decision").get("passed").asBoolean()).isFalse();
        assertThat(decision.get("decision").get("blocking")).hasSize(25);
        assertThat(decision.get("decision").get("ignored").asInt()).isEqualTo(1);
        assertThat(decision.get("decision").get("policy").get("maxSeverity").asInt()).isEqualTo(3);
    }

    @Test
    void evaluatePassesWhenNothingIsAboveTheMaximum() {
        qualys.findings = List.of(new Finding("82003", 2, "harmless", List.of(), null, null));
        FindingsReport report = collect();

        var out = new EvaluateScanPolicyHandler(evidence).handleRequest(
                new EvaluateScanPolicyHandler.Input(report, IMAGE, request(new ScanPolicy(3, List.of()))), null);

        assertThat(out.passed()).isTrue();
        assertThat(out.blocking()).isEmpty();
        assertThat(evidence.objects).containsKey(FOLDER + "decision.json");
    }

    @Test
    void evaluateCountsAFindingWhoseExceptionLapsedWhileTheBuildWaited() {
        qualys.findings = List.of(new Finding("38739", 5, "accepted until yesterday", List.of(), null, null));
        FindingsReport report = collect();
        ScanPolicy validated = new ScanPolicy(3, List.of("38739"),
                List.of(new io.gilder.build.FindingException("38739", "2026-12-03", "vendor fix pending")));
        java.time.Clock dayAfter = java.time.Clock.fixed(java.time.Instant.parse("2026-12-04T00:00:01Z"), java.time.ZoneOffset.UTC);

        var out = new EvaluateScanPolicyHandler(evidence, dayAfter).handleRequest(
                new EvaluateScanPolicyHandler.Input(report, IMAGE, request(validated)), null);

        assertThat(out.passed()).isFalse();
        assertThat(out.blocking()).extracting(EvaluateScanPolicyHandler.BlockingFinding::id).containsExactly("38739");
        assertThat(out.reason()).contains("38739 (expired 2026-12-03)");
    }

    @Test
    void evaluateWithoutStoredFindingsIsATerminalErrorNamingTheKey() {
        FindingsReport report = new FindingsReport("qualys", REF, 0, 0, Map.of(), new FindingsReport.Evidence("r", "f"), null);

        assertThatThrownBy(() -> new EvaluateScanPolicyHandler(evidence).handleRequest(
                new EvaluateScanPolicyHandler.Input(report, IMAGE, request(new ScanPolicy(3, List.of()))), null))
                .isInstanceOf(FindingsNotFoundException.class).hasMessageContaining(FOLDER + "findings.json");
    }

    private FindingsReport collect() {
        return new CollectFindingsHandler(scanners, evidence).handleRequest(
                new CollectFindingsHandler.Input("qualys", REF, INSTANCE, TARGET_IP, subject("qualys")), null);
    }
}
