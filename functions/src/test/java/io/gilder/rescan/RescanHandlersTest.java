package io.gilder.rescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.build.ScanPolicy;
import io.gilder.error.AwsCallFailedException;
import io.gilder.error.FindingsNotFoundException;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.FakeEvidenceStore;
import io.gilder.registry.FakeNotifier;
import io.gilder.scan.EvidenceJson;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsDocument;
import io.gilder.scan.FindingsReport;
import io.gilder.scan.FindingsSummary;
import io.gilder.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rescan handlers with an in-memory evidence store: their JSON contracts (docs/rescan-golden-amis.md, "Handler
 * contracts"), the baseline rules of compare-with-last-scan, the report's keys and counts, the summary's body.
 */
class RescanHandlersTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RUN = "arn:aws:states:us-east-1:111122223333:execution:gilder-rescan-golden-amis:run-1";
    static final String IMAGE = "ami-0abc";
    static final String PREFIX = "AmazonLinux-2023/WebServer-1.2/7/" + IMAGE + "/scan/";

    final FakeEvidenceStore evidence = new FakeEvidenceStore();
    /** Lists the store's objects with the time each was written. */
    final EvidenceIndex index = prefix -> evidence.writtenUnder(prefix).entrySet().stream()
            .map(e -> new EvidenceIndex.Entry(e.getKey(), e.getValue())).toList();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final CompareWithLastScanHandler compare = new CompareWithLastScanHandler(new ScanHistory(evidence, index, clock),
            new ScanPolicy(3, List.of()));

    static Finding f(String id, int severity, Integer port) {
        return new Finding(id, severity, "title " + id, List.of(), port, port == null ? null : "tcp");
    }

    /** Stores a scan's findings as collect-findings does and returns its report. */
    FindingsReport scan(String ref, Finding... findings) {
        String folder = PREFIX + ref.replace('/', '-') + "/";
        List<Finding> list = List.of(findings);
        evidence.put(folder + "findings.json", "application/json", EvidenceJson.write(new FindingsDocument("qualys", ref, IMAGE,
                "qualys scan " + ref + " scanned 10.0.1.23 to the end", FindingsSummary.of(list), list)));
        FindingsSummary s = FindingsSummary.of(list);
        return new FindingsReport("qualys", ref, s.total(), s.highestSeverity(), s.bySeverity(),
                new FindingsReport.Evidence("s3://evidence/" + folder + "raw.json", "s3://evidence/" + folder + "findings.json"),
                "qualys scan " + ref + " scanned 10.0.1.23 to the end");
    }

    RescanImageResult compare(FindingsReport scan) {
        return compare.handleRequest(new CompareWithLastScanHandler.Input(
                new CompareWithLastScanHandler.Subject(IMAGE, "AmazonLinux-2023", "WebServer-1.2", "7", "qualys"), scan, RUN), null);
    }

    @Test
    void theFirstRescanComparesWithTheBuildScanThenEachRescanWithThePreviousOne() throws Exception {
        scan("scan/build", f("a", 2, null), f("b", 4, 443));
        FindingsReport first = scan("scan/r1", f("a", 2, null), f("b", 4, 443), f("c", 4, 22));

        RescanImageResult one = compare(first);

        assertThat(one.baseline()).isEqualTo("build");
        assertThat(one.added().total()).isEqualTo(1);
        assertThat(one.added().ids()).containsExactly("c@tcp/22");
        assertThat(one.added().bySeverity()).containsEntry("4", 1);
        assertThat(one.total()).isEqualTo(3);
        assertThat(one.policy().passed()).isFalse();
        assertThat(one.evidence().delta()).isEqualTo("s3://evidence/" + PREFIX + "scan-r1/delta.json");
        JsonNode pointer = evidence.json("rescans/last/" + IMAGE + ".json");
        assertThat(pointer.get("key").asText()).isEqualTo(PREFIX + "scan-r1/findings.json");
        assertThat(pointer.get("findings").asText()).isEqualTo("s3://evidence/" + PREFIX + "scan-r1/findings.json");
        assertThat(pointer.get("run").asText()).isEqualTo(RUN);
        assertThat(pointer.get("scannedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        JsonNode delta = evidence.json(PREFIX + "scan-r1/delta.json");
        assertThat(delta.get("baselineKey").asText()).isEqualTo(PREFIX + "scan-build/findings.json");
        assertThat(delta.get("added")).hasSize(1);

        RescanImageResult two = compare(scan("scan/r2", f("a", 2, null), f("c", 5, 22)));

        assertThat(two.baseline()).isEqualTo("rescan");
        assertThat(two.added().total()).isZero();
        assertThat(two.resolved().total()).isEqualTo(1);
        assertThat(evidence.json(PREFIX + "scan-r2/delta.json").get("changed")).hasSize(1);
    }

    @Test
    void aRescanJudgesWithThePolicyTheImageWasApprovedUnderNotOnlyTheStacks() {
        scan("scan/build", f("a", 2, null), f("b", 5, 443));
        evidence.put(PREFIX + "scan-build/decision.json", "application/json", EvidenceJson.write(new io.gilder.scan.DecisionDocument(
                "qualys", "scan/build", IMAGE, new io.gilder.scan.PolicyDecision(true, "approved with b ignored",
                        new ScanPolicy(4, List.of("b")), 1, 1, List.of()))));

        RescanImageResult approvedUnder = compare(scan("scan/r1", f("a", 2, null), f("b", 5, 443), f("c", 4, 22)));
        RescanImageResult worse = compare(scan("scan/r2", f("a", 2, null), f("b", 5, 443), f("d", 5, 80)));

        assertThat(approvedUnder.policy().passed()).as("b ignored and 4 allowed, as approved; the stack's own policy (3) would fail it").isTrue();
        assertThat(worse.policy().passed()).isFalse();
        assertThat(worse.policy().reason()).contains("title d").doesNotContain("title b");
    }

    @Test
    void anUnreadableDecisionFallsBackToTheStacksPolicy() {
        scan("scan/build", f("a", 2, null));
        evidence.put(PREFIX + "scan-build/decision.json", "application/json", "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(compare(scan("scan/r1", f("c", 4, 22))).policy().passed()).as("stack policy: at most 3").isFalse();
    }

    @Test
    void aRetryAfterThePointerMovedComparesWithTheSameBaselineNotWithItself() {
        scan("scan/build", f("a", 2, null));
        FindingsReport first = scan("scan/r1", f("a", 2, null), f("c", 4, 22));

        RescanImageResult once = compare(first);
        RescanImageResult again = compare(first);

        assertThat(again).isEqualTo(once);
        assertThat(again.added().total()).isEqualTo(1);
    }

    @Test
    void withoutAnyEarlierScanEveryFindingIsNewAndAnUnreadableBaselineSaysSo() {
        FindingsReport first = scan("scan/r1", f("a", 2, null), f("b", 3, null));

        RescanImageResult none = compare(first);
        assertThat(none.baseline()).isEqualTo("none");
        assertThat(none.added().total()).isEqualTo(2);
        assertThat(none.policy().passed()).isTrue();

        FindingsReport second = scan("scan/r2", f("a", 2, null));
        evidence.objects.put(PREFIX + "scan-r1/findings.json", "not json".getBytes(StandardCharsets.UTF_8));
        RescanImageResult unreadable = compare(second);
        assertThat(unreadable.baseline()).isEqualTo("unreadable");
        assertThat(unreadable.added().total()).isEqualTo(1);
    }

    @Test
    void missingFindingsOfThisScanAreTerminalAndMoveNothing() {
        FindingsReport lost = new FindingsReport("qualys", "scan/lost", 0, 0, Map.of(), new FindingsReport.Evidence(null, null), null);

        assertThatThrownBy(() -> compare(lost)).isInstanceOf(FindingsNotFoundException.class).hasMessageContaining("scan/lost");
        assertThat(evidence.objects).doesNotContainKey("rescans/last/" + IMAGE + ".json");
    }

    @Test
    void theComparisonsJsonHasTheContractsFieldNames() throws Exception {
        JsonNode out = JSON.valueToTree(compare(scan("scan/r1", f("a", 5, 443))));

        assertThat(out.get("status").asText()).isEqualTo("SCANNED");
        assertThat(out.get("new").get("ids").get(0).asText()).isEqualTo("a@tcp/443");
        assertThat(out.has("added")).isFalse();
        assertThat(out.has("error")).isFalse();
        assertThat(out.get("policy").get("passed").asBoolean()).isFalse();
        RescanImageResult back = JSON.treeToValue(out, RescanImageResult.class);
        assertThat(back.added().total()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ list, sweep

    @Test
    void theListingsOutputCarriesCountAndAMissingInputMeansEverything() throws Exception {
        List<Object> asked = new ArrayList<>();
        RescanListing listed = new RescanListing(List.of(new RescanListing.Item(IMAGE, "us-east-1", "AmazonLinux-2023",
                "WebServer-1.2", "7", "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7", false, Map.of("Team", "web"))), 3,
                List.of(new RescanListing.Missing("ami-9", "not found among this account's images")), List.of());
        io.gilder.rescan.GoldenImageListing listing = new io.gilder.rescan.GoldenImageListing(null, null, null, null, "us-east-1") {
            @Override
            public RescanListing list(java.util.Collection<String> requested, boolean includeRegionalCopies) {
                asked.add(requested);
                asked.add(includeRegionalCopies);
                return listed;
            }
        };

        JsonNode out = JSON.valueToTree(new ListActiveGoldenImagesHandler(listing).handleRequest(null, null));

        assertThat(asked).containsExactly(null, false);
        assertThat(out.get("count").asInt()).isEqualTo(1);
        assertThat(out.get("inactive").asInt()).isEqualTo(3);
        assertThat(out.get("images").get(0).get("parameterName").asText()).isEqualTo("/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7");
        assertThat(out.get("images").get(0).get("tags").get("Team").asText()).isEqualTo("web");
        assertThat(out.get("missing").get(0).get("reason").asText()).contains("not found");
        ListActiveGoldenImagesHandler.Input in = JSON.readValue("{\"imageIds\":[\"ami-1\"],\"includeRegionalCopies\":true,\"trigger\":\"x\"}",
                ListActiveGoldenImagesHandler.Input.class);
        assertThat(in).isEqualTo(new ListActiveGoldenImagesHandler.Input(List.of("ami-1"), true));
    }

    @Test
    void theSweepRunsTheRunSweepWithARunElseTheStaleSweepWithItsDefaultAge() {
        List<String> calls = new ArrayList<>();
        RescanSweep sweep = new RescanSweep(null, null, clock) {
            @Override
            public List<String> sweepRun(String runArn) {
                calls.add("run " + runArn);
                return List.of("i-1");
            }

            @Override
            public List<String> sweepStale(java.time.Duration olderThan, String current) {
                calls.add("stale " + olderThan + " from " + current);
                return List.of();
            }
        };
        SweepRescanInstancesHandler handler = new SweepRescanInstancesHandler(sweep);

        assertThat(handler.handleRequest(new SweepRescanInstancesHandler.Input(RUN, null, null), null).terminated()).containsExactly("i-1");
        handler.handleRequest(new SweepRescanInstancesHandler.Input(null, null, RUN), null);
        handler.handleRequest(new SweepRescanInstancesHandler.Input("", 5, null), null);
        assertThat(calls).containsExactly("run " + RUN, "stale PT1H from " + RUN, "stale PT5M from null");
        assertThatThrownBy(() -> handler.handleRequest(new SweepRescanInstancesHandler.Input(null, -1, null), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("olderThanMinutes");
    }

    // ------------------------------------------------------------------ report, notify

    ListActiveGoldenImagesHandler.Output listing() {
        return new ListActiveGoldenImagesHandler.Output(2, List.of(
                new RescanListing.Item("ami-1", "us-east-1", "AmazonLinux-2023", "WebServer-1.2", "7", "/GoldenAMI/x", false, Map.of()),
                new RescanListing.Item("ami-2", "us-east-1", "Ubuntu-24.04", "Database-2.0", "3", "/GoldenAMI/y", false, Map.of()),
                new RescanListing.Item("ami-3", "us-east-1", "unregistered", "unregistered", "unregistered", null, true, Map.of())),
                1, List.of(new RescanListing.Missing("ami-9", "image state is deregistered")), List.of());
    }

    List<RescanImageResult> results() throws Exception {
        RescanImageResult scanned = JSON.readValue("""
                {"status":"SCANNED","imageId":"ami-1","os":"AmazonLinux-2023","product":"WebServer-1.2","version":"7",
                 "scanner":"qualys","scanRef":"scan/1","bySeverity":{"1":0,"2":1,"3":0,"4":2,"5":0},"total":3,"baseline":"rescan",
                 "new":{"total":1,"bySeverity":{"1":0,"2":0,"3":0,"4":1,"5":0},"ids":["q1@tcp/443"]},"resolved":{"total":2},
                 "policy":{"passed":false,"reason":"1 finding is above"},"evidence":{"raw":"s3://e/r","findings":"s3://e/f"}}""",
                RescanImageResult.class);
        RescanImageResult failed = JSON.readValue("""
                {"status":"NOT_SCANNED","imageId":"ami-2","error":"io.gilder.error.WaitTimedOutException",
                 "cause":"{\\"errorMessage\\":\\"scan did not finish\\",\\"errorType\\":\\"x\\"}"}""", RescanImageResult.class);
        return List.of(scanned, failed);
    }

    @Test
    void theReportIsFiledUnderTheRunsDayAndNameAndCountsEveryListedAndMissingImage() throws Exception {
        WriteRescanReportHandler report = new WriteRescanReportHandler(evidence, clock);

        WriteRescanReportHandler.Output out = report.handleRequest(new WriteRescanReportHandler.Input(RUN, "2026-11-22T23:59:00.123Z",
                listing(), results(), JSON.readTree("{\"terminated\":[\"i-old\"]}")), null);

        String folder = "rescans/2026/11/22/run-1/";
        assertThat(out.report()).isEqualTo("s3://evidence/" + folder + "report.json");
        assertThat(out.text()).isEqualTo("s3://evidence/" + folder + "report.txt");
        assertThat(out.date()).isEqualTo("2026-11-22");
        assertThat(out.images()).isEqualTo(4);
        assertThat(out.scanned()).isEqualTo(1);
        assertThat(out.notScanned()).isEqualTo(3);
        assertThat(out.withNewFindings()).isEqualTo(1);
        assertThat(out.failingPolicy()).isEqualTo(1);
        assertThat(out.newBySeverity()).containsEntry("4", 1).containsEntry("5", 0);
        assertThat(out.notScannedImages()).containsExactlyInAnyOrder("ami-2", "ami-3", "ami-9");
        assertThat(out.subject()).startsWith("Gilder rescan 2026-11-22: 1 of 4 images scanned").hasSizeLessThanOrEqualTo(100);
        String text = new String(evidence.objects.get(folder + "report.txt"), StandardCharsets.UTF_8);
        assertThat(text).contains("ami-2 Database-2.0 Ubuntu-24.04 v3: NOT SCANNED: WaitTimedOutException: scan did not finish")
                .contains("ami-3 unregistered: NOT SCANNED: no result from the rescan")
                .contains("ami-9 unregistered: NOT SCANNED: missing: image state is deregistered")
                .contains("ami-1 WebServer-1.2 AmazonLinux-2023 v7: 5:0 4:2 3:0 2:1 1:0; new 1 (5:0 4:1 3:0 2:0 1:0); policy FAIL")
                .contains("Report: s3://evidence/" + folder + "report.json");
        JsonNode json = evidence.json(folder + "report.json");
        assertThat(json.get("run").asText()).isEqualTo(RUN);
        assertThat(json.get("summary").get("notScanned").asInt()).isEqualTo(3);
        assertThat(json.get("results").get(0).get("new").get("ids").get(0).asText()).isEqualTo("q1@tcp/443");
        assertThat(json.get("sweep").get("terminated").get(0).asText()).isEqualTo("i-old");
    }

    @Test
    void theReportSaysWhetherAFailingImagesRevocationStartedOrCouldNotBeRequested() throws Exception {
        RescanImageResult started = JSON.readValue("""
                {"status":"SCANNED","imageId":"ami-1","os":"AmazonLinux-2023","product":"WebServer-1.2","version":"7",
                 "bySeverity":{"5":1},"total":1,"policy":{"passed":false,"reason":"1 finding above 4"},
                 "revocation":{"executionName":"rescan-ami-1-0123456789abcdef","alreadyStarted":false}}""", RescanImageResult.class);
        RescanImageResult refused = JSON.readValue("""
                {"status":"SCANNED","imageId":"ami-2","os":"AmazonLinux-2023","product":"WebServer-1.2","version":"8",
                 "bySeverity":{"5":1},"total":1,"policy":{"passed":false,"reason":"1 finding above 4"},
                 "revocation":{"Error":"Lambda.AWSLambdaException","Cause":"Rate exceeded"}}""", RescanImageResult.class);

        new WriteRescanReportHandler(evidence, clock).handleRequest(
                new WriteRescanReportHandler.Input(RUN, null, null, List.of(started, refused), null), null);

        String text = new String(evidence.objects.get("rescans/2026/11/23/run-1/report.txt"), StandardCharsets.UTF_8);
        assertThat(text).contains("policy FAIL; revocation rescan-ami-1-0123456789abcdef started")
                .contains("policy FAIL; revocation NOT requested: Lambda.AWSLambdaException: Rate exceeded");
    }

    @Test
    void aFailedImageKeepsTheErrorsMessageNotTheStackTraceAndNeverMoreThanTheCut() throws Exception {
        RecordRescanFailureHandler record = new RecordRescanFailureHandler();
        RecordRescanFailureHandler.Image image = new RecordRescanFailureHandler.Image("ami-1", "AmazonLinux-2023", "WebServer-1.2", "7");
        String frames = "\"at io.gilder.Some.method(Some.java:1)\",".repeat(200);
        String lambdaCause = "{\"errorMessage\":\"scan did not finish after 90 checks\",\"errorType\":\"io.gilder.error.WaitTimedOutException\","
                + "\"stackTrace\":[" + frames + "\"end\"]}";

        RescanImageResult timedOut = record.handleRequest(new RecordRescanFailureHandler.Input(image,
                new RecordRescanFailureHandler.Failure("io.gilder.error.WaitTimedOutException", lambdaCause)), null);
        RescanImageResult longText = record.handleRequest(new RecordRescanFailureHandler.Input(image,
                new RecordRescanFailureHandler.Failure("States.Timeout", "x".repeat(5_000))), null);
        RescanImageResult none = record.handleRequest(new RecordRescanFailureHandler.Input(image, null), null);

        assertThat(lambdaCause).hasSizeGreaterThan(8_000);
        assertThat(timedOut.status()).isEqualTo(RescanImageResult.NOT_SCANNED);
        assertThat(timedOut.imageId()).isEqualTo("ami-1");
        assertThat(timedOut.version()).isEqualTo("7");
        assertThat(timedOut.error()).isEqualTo("io.gilder.error.WaitTimedOutException");
        assertThat(timedOut.cause()).isEqualTo("scan did not finish after 90 checks");
        assertThat(longText.cause()).hasSize(io.gilder.rescan.ImageRescan.MAX_ERROR).endsWith("…");
        assertThat(none.error()).isNull();
        assertThat(JSON.writeValueAsString(timedOut)).hasSizeLessThan(400);
    }

    @Test
    void anEmptyRunStillWritesAReportDatedByTheClockWithoutAStartTime() {
        WriteRescanReportHandler.Output out = new WriteRescanReportHandler(evidence, clock).handleRequest(
                new WriteRescanReportHandler.Input(RUN, null, null, null, null), null);

        assertThat(out.images()).isZero();
        assertThat(out.notScanned()).isZero();
        assertThat(evidence.objects).containsKeys("rescans/2026/11/23/run-1/report.json", "rescans/2026/11/23/run-1/report.txt");
        assertThat(new String(evidence.objects.get("rescans/2026/11/23/run-1/report.txt"), StandardCharsets.UTF_8))
                .contains("No active golden AMI.");
        assertThatThrownBy(() -> new WriteRescanReportHandler(evidence, clock).handleRequest(
                new WriteRescanReportHandler.Input(null, null, null, null, null), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("run");
    }

    @Test
    void theSummaryPublishesTheReportTextUnderTheReportsSubject() throws Exception {
        WriteRescanReportHandler.Output report = new WriteRescanReportHandler(evidence, clock).handleRequest(
                new WriteRescanReportHandler.Input(RUN, "2026-11-23T08:00:00Z", listing(), results(), null), null);
        FakeNotifier notifier = new FakeNotifier();
        NotifyRescanSummaryHandler.Input in = JSON.convertValue(JSON.valueToTree(report), NotifyRescanSummaryHandler.Input.class);
        in = new NotifyRescanSummaryHandler.Input(RUN, in.date(), in.report(), in.subject(), in.images(), in.scanned(), in.notScanned());

        new NotifyRescanSummaryHandler(notifier, evidence).handleRequest(in, null);

        assertThat(notifier.notices).hasSize(1);
        assertThat(notifier.notices.get(0).subject()).isEqualTo(report.subject());
        assertThat(notifier.notices.get(0).message())
                .isEqualTo(new String(evidence.objects.get("rescans/2026/11/23/run-1/report.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theSummaryStillGoesOutWithCountsWhenTheTextCannotBeRead() {
        FakeNotifier notifier = new FakeNotifier();
        NotifyRescanSummaryHandler handler = new NotifyRescanSummaryHandler(notifier, evidence);
        NotifyRescanSummaryHandler.Input in = new NotifyRescanSummaryHandler.Input(RUN, "2026-11-23", "s3://evidence/r.json",
                "Gilder rescan 2026-11-23: 1 of 2 images scanned", 2, 1, 1);

        handler.handleRequest(in, null);
        evidence.failGets = new AwsCallFailedException("S3 GetObject failed with AccessDenied: no", null);
        handler.handleRequest(in, null);

        assertThat(notifier.notices).extracting(FakeNotifier.Notice::message).allSatisfy(m -> assertThat(m)
                .contains("1 of 2 images scanned, 1 not scanned").contains("Report: s3://evidence/r.json"));
        assertThat(notifier.notices.get(0).message()).contains("rescans/2026/11/23/run-1/report.txt is missing");
        assertThat(notifier.notices.get(1).message()).contains("AccessDenied");
    }
}
