package io.gilder.scanner.tenable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.TargetNotScannedException;
import io.gilder.scan.ApiKeys;
import io.gilder.scan.FakeCredentialStore;
import io.gilder.scan.ScanCoverage;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanProof;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.testing.VendorResponses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Tenable adapter against bodies the real Tenable Vulnerability Management API sent (recorded by its public
 * client library, read from {@code shared/vendor-responses/tenable} at test time): served over real HTTP by
 * WireMock exactly as recorded, so what the adapter reads is what Tenable writes, not what a fake of ours guesses.
 */
class TenableRealResponsesTest {

    static final String SCANNED_HOST = "162.159.129.83";
    static final String EXPORT_FILE = "SSE-d84bc6a3-1f0a-42a0-85bb-3470dfeed221-nessus";

    static WireMockServer tenable;
    TenableScanner scanner;

    @BeforeAll
    static void startTenable() {
        tenable = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        tenable.start();
    }

    @AfterAll
    static void stopTenable() {
        tenable.stop();
    }

    @BeforeEach
    void reset() {
        tenable.resetAll();
        scanner = new TenableScanner(HttpClient.newHttpClient(), new TenableSettings(URI.create(tenable.baseUrl()),
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:tenable", "US Cloud Scanner", "basic", List.of(),
                Duration.ofSeconds(5)), new FakeCredentialStore(null, new ApiKeys("ak", "sk")));
    }

    static byte[] recorded(String name) {
        return VendorResponses.bytes("tenable/" + name);
    }

    static void serve(com.github.tomakehurst.wiremock.client.MappingBuilder request, int status, String recording) {
        tenable.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(recorded(recording))));
    }

    /** A completed scan 175 whose export is ready and downloads {@code nessus}. */
    static void completedScanExporting(String nessus) {
        tenable.stubFor(get(urlPathEqualTo("/scans/175/latest-status")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"completed\"}")));
        serve(post(urlPathEqualTo("/scans/175/export")), 200, "export.json");
        serve(get(urlPathEqualTo("/scans/175/export/" + EXPORT_FILE + "/status")), 200, "export-status-ready.json");
        tenable.stubFor(get(urlPathEqualTo("/scans/175/export/" + EXPORT_FILE + "/download")).willReturn(aResponse()
                .withHeader("Content-Type", "application/octet-stream").withBody(recorded(nessus))));
    }

    @Test
    void aRealScanExportProvesItsHostWasScannedToTheEndAndKeepsEveryItem() {
        completedScanExporting("scan-175.nessus");

        assertThat(scanner.status("175")).isEqualTo(new ScanProgress(ScanStatus.FINISHED, "completed"));
        ScanResults results = scanner.results("175");

        assertThat(results.raw()).isEqualTo(recorded("scan-175.nessus"));
        int items = new String(recorded("scan-175.nessus"), java.nio.charset.StandardCharsets.UTF_8).split("<ReportItem ", -1).length - 1;
        assertThat(results.findings()).hasSize(items).hasSizeGreaterThan(100);
        assertThat(results.coverage().hosts()).extracting(ScanCoverage.Host::address, ScanCoverage.Host::complete)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SCANNED_HOST, true));
        assertThat(ScanProof.require("tenable", "175", new ScanTarget("i-0abc", SCANNED_HOST, ""), results.coverage()))
                .isEqualTo("tenable scan 175 scanned " + SCANNED_HOST + " to the end (HOST_END Thu Jun 10 11:37:06 2021)");
    }

    @Test
    void theSameRealExportDoesNotProveADifferentTargetWasScanned() {
        completedScanExporting("scan-175.nessus");

        ScanCoverage coverage = scanner.results("175").coverage();

        assertThatThrownBy(() -> ScanProof.require("tenable", "175", new ScanTarget("i-0abc", "10.0.1.23", ""), coverage))
                .isInstanceOf(TargetNotScannedException.class).hasMessageContaining("it names only " + SCANNED_HOST)
                .hasMessageContaining("i-0abc (10.0.1.23)");
    }

    @Test
    void aRealExportWhoseHostTenableNeverFinishedIsNotProof() {
        completedScanExporting("workbench-asset.nessus");

        ScanCoverage coverage = scanner.results("175").coverage();

        assertThat(coverage.hosts()).extracting(ScanCoverage.Host::address).containsExactly("192.168.15.104");
        assertThatThrownBy(() -> ScanProof.require("tenable", "175", new ScanTarget("i-0abc", "192.168.15.104", ""), coverage))
                .isInstanceOf(TargetNotScannedException.class).hasMessageContaining("did not finish scanning")
                .hasMessageContaining("no HOST_END");
    }

    @Test
    void aRealExportNamingTheHostOnlyByFqdnIsReadByItsHostIpTag() {
        completedScanExporting("workbench-swat.nessus");

        assertThat(scanner.results("175").coverage().hosts()).extracting(ScanCoverage.Host::address).containsExactly("172.26.103.174");
    }

    @Test
    void theRealEmptyLatestStatusOfANewScanIsQueuedAndAnExportStillLoadingIsNotFinished() {
        serve(get(urlPathEqualTo("/scans/175/latest-status")), 200, "latest-status-empty.json");
        assertThat(scanner.status("175").status()).isEqualTo(ScanStatus.QUEUED);

        tenable.stubFor(get(urlPathEqualTo("/scans/175/latest-status")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"completed\"}")));
        serve(post(urlPathEqualTo("/scans/175/export")), 200, "export.json");
        serve(get(urlPathEqualTo("/scans/175/export/" + EXPORT_FILE + "/status")), 200, "workbench-export-status-loading.json");

        assertThat(scanner.status("175")).isEqualTo(new ScanProgress(ScanStatus.RUNNING, "completed (exporting results: loading)"));
    }

    @Test
    void everyStatusInARealScanListIsOneGilderKnows() throws IOException {
        JsonNode list = TenableHttp.JSON.readTree(recorded("scan-list.json"));
        Set<String> seen = new TreeSet<>();
        list.path("scans").forEach(scan -> seen.add(scan.path("status").asText()));

        assertThat(seen).isNotEmpty().allSatisfy(status -> assertThat(TenableResponses.STATES).containsKey(status));
        assertThat(TenableResponses.STATES.get("imported")).as("an imported scan never ran here").isEqualTo(ScanStatus.FAILED);
    }

    @Test
    void realScannerTemplateCredentialAndCreateScanAnswersAreRead() throws IOException {
        JsonNode scanners = TenableHttp.JSON.readTree(recorded("scanners.json"));
        assertThat(TenableResponses.scannerUuid(scanners, "US Cloud Scanner")).isEqualTo(uuidOf(scanners, "scanners", "US Cloud Scanner"));
        assertThatThrownBy(() -> TenableResponses.scannerUuid(scanners, "gilder-vpc-scanner"))
                .isInstanceOf(ScannerRejectedException.class).hasMessageContaining("pytenable-scanner");

        JsonNode templates = TenableHttp.JSON.readTree(recorded("editor-scan-templates.json"));
        assertThat(TenableResponses.templateUuid(templates, "basic")).startsWith("731a8e52");
        java.util.Map<String, Long> titles = new java.util.TreeMap<>();
        templates.path("templates").forEach(t -> titles.merge(t.path("title").asText(), 1L, Long::sum));
        assertThat(titles).as("why templates are picked by name: real titles repeat")
                .containsEntry("Policy Compliance Auditing", 2L).containsEntry("Malware Scan", 2L);
        assertThat(TenableResponses.templateUuid(templates, "compliance"))
                .isNotEqualTo(TenableResponses.templateUuid(templates, "agent_compliance"));

        assertThat(TenableResponses.credentialType(TenableHttp.JSON.readTree(recorded("credential-ssh.json")), "uuid"))
                .containsExactly("Host", "SSH");
        assertThat(TenableResponses.scanId(TenableHttp.JSON.readTree(recorded("create-scan.json")))).isEqualTo("262");
        assertThat(TenableResponses.exportFile(TenableHttp.JSON.readTree(recorded("export.json")))).isEqualTo(EXPORT_FILE);
    }

    @Test
    void realErrorBodiesBecomeTerminalErrorsCarryingTenablesWords() {
        serve(get(urlPathEqualTo("/scans/175/latest-status")), 404, "error-404-scan-not-found.json");
        assertThatThrownBy(() -> scanner.status("175")).isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("404").hasMessageContaining("Scan not found");

        serve(get(urlPathEqualTo("/scans/175/latest-status")), 403, "error-403-insufficient-scope.json");
        assertThatThrownBy(() -> scanner.status("175")).isInstanceOf(io.gilder.error.TerminalException.class)
                .hasMessageContaining("403").hasMessageContaining("Insufficient scope");
    }

    private static String uuidOf(JsonNode answer, String array, String name) {
        for (JsonNode item : answer.path(array)) {
            if (name.equals(item.path("name").asText())) {
                return item.path("uuid").asText();
            }
        }
        throw new AssertionError(name + " not in the recording");
    }

    /**
     * The recorded {@code GET /scans} answer (475 scans of a real account), with the name of one canceled scan (4354) and of
     * one completed scan (4352) changed to titles Gilder gives: one of the ended build's and one of another execution.
     * Only the build's is deleted, without a stop (it has ended); the recorded 404 of a deleted scan is no error.
     */
    @Test
    void discardReadsTheRealScanListAndDeletesOnlyTheExecutionsScan() {
        String ours = "Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-0def, execution build-42)";
        String list = new String(recorded("scan-list.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("pytest: 34b2d6ea-deca-4690-a019-f1047559dd9a", ours)
                .replace("pytest: 08e31d01-fadd-4cd5-963a-4062034ad7dc", ours.replace("build-42", "build-421"));
        assertThat(list).as("the recording still has the scans this test renames").contains(ours).contains("build-421");
        tenable.stubFor(get(urlPathEqualTo("/scans")).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(list)));
        serve(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathEqualTo("/scans/4354")), 404, "error-404-scan-not-found.json");

        assertThat(scanner.discard(new io.gilder.scan.ScanTitle("build-42", false), java.time.Instant.parse("2018-10-01T00:00:00Z")))
                .as("already gone").isEmpty();

        tenable.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/scans"))
                .withQueryParam("last_modification_date", com.github.tomakehurst.wiremock.client.WireMock.equalTo("1538352000")));
        tenable.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlPathEqualTo("/scans/4354")));
        tenable.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        tenable.verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }
}
