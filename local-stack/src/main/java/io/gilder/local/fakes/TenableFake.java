package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;

/**
 * Plays Tenable Vulnerability Management (Tenable.io) on a {@link WireMockServer} for the local stack, the
 * demo and tests: the scanner and template lists, one managed SSH credential, creating and launching a scan,
 * a scan that is pending, then running, then ends (completed by default, or canceled or aborted), a
 * {@code .nessus} export that is loading once and then ready, and its download (findings of Tenable
 * severities 0-3 with CVEs, optionally one critical). Only requests with the fake's {@code X-ApiKeys} are
 * served; others get Tenable's 401. Bodies are Tenable's documented formats, under {@code tenable/}. The scans created
 * are kept until deleted ({@link ScanRecords}): {@code GET /scans}, stop and delete answer from them ({@link #keptScans()}).
 *
 * <pre>{@code
 * TenableFake tenable = TenableFake.register(stack.wiremock(), TenableFake.Options.defaults().withCriticalFinding());
 * // gilder.scanner.tenable.base-url = tenable.baseUrl(), scanner-name = TenableFake.SCANNER_NAME,
 * // the credentials secret holds TenableFake.secretJson()
 * }</pre>
 */
public final class TenableFake {

    public static final String ACCESS_KEY = "local-fake-access-key";
    /** A made-up key for the fake only; real keys live in Secrets Manager. */
    public static final String SECRET_KEY = "local-fake-secret-key";
    public static final String SCANNER_NAME = "gilder-vpc-scanner";
    /** The unique name of the template the fake's scans use (its title, "Basic Network Scan", is not unique in Tenable). */
    public static final String TEMPLATE_NAME = "basic";
    /** The host an export {@link Options#reportingAnotherHost() reporting another host} names (a documentation address). */
    public static final String OTHER_HOST = "198.51.100.7";
    public static final String MANAGED_CREDENTIAL_ID = "0f6c1c5e-8a1d-4c36-9f1e-3b2d7a5e4c10";
    public static final String SCAN_REF = "1042";

    static final String EXPORT_FILE = "SSEUF-0b91ea42-cbcf-4634-8364-2f650c7b6b1d-nessus";
    private static final String SCENARIO = "tenable-scan";
    private static final String EXPORT_SCENARIO = "tenable-export";
    private static final String METADATA_KEY = "gilderTenableFake";

    /** How the fake scan ends. */
    public enum Ending {
        COMPLETED("completed"), CANCELED("canceled"), ABORTED("aborted");

        final String status;

        Ending(String status) {
            this.status = status;
        }
    }

    /**
     * @param ending          the scan's last status
     * @param criticalFinding the report also holds a critical (Gilder severity 5) finding, so a default policy blocks
     * @param scanId          the id Tenable gives the created scan (a later scan, e.g. a rescan, gets another one)
     */
    public record Options(Ending ending, boolean criticalFinding, String scanId, boolean reportsAnotherHost) {

        public static Options defaults() {
            return new Options(Ending.COMPLETED, false, SCAN_REF, false);
        }

        public Options endingWith(Ending ending) {
            return new Options(ending, criticalFinding, scanId, reportsAnotherHost);
        }

        public Options withCriticalFinding() {
            return new Options(ending, true, scanId, reportsAnotherHost);
        }

        /** The completed scan's export lists only {@link #OTHER_HOST}, never the host it was asked to scan. */
        public Options reportingAnotherHost() {
            return new Options(ending, criticalFinding, scanId, true);
        }

        public Options withScanId(String id) {
            if (!id.matches("[0-9]+")) {
                throw new IllegalArgumentException("Tenable scan ids are numbers, not " + id);
            }
            return new Options(ending, criticalFinding, id, reportsAnotherHost);
        }
    }

    private final WireMockServer server;
    private final String scanPath;

    private TenableFake(WireMockServer server, String scanPath) {
        this.server = server;
        this.scanPath = scanPath;
    }

    /** Adds the Tenable stubs to {@code server} (replacing the fake's earlier ones) and starts the scan's story afresh. */
    public static TenableFake register(WireMockServer server, Options options) {
        TaggedStubs stubs = new TaggedStubs(server, "tenable fake", METADATA_KEY);
        String scanPath = "/scans/" + options.scanId();
        stubs.put("unauthorized", any(urlPathMatching("/(scanners|editor/.*|credentials/.*|scans(/.*)?)")).atPriority(10)
                .willReturn(json(401, body("unauthorized.json"))));
        stubs.put("scanners", authorized(get(urlPathEqualTo("/scanners"))).willReturn(json(200, body("scanners.json"))));
        stubs.put("templates", authorized(get(urlPathEqualTo("/editor/scan/templates"))).willReturn(json(200, body("templates.json"))));
        stubs.put("credential", authorized(get(urlPathEqualTo("/credentials/" + MANAGED_CREDENTIAL_ID)))
                .willReturn(json(200, body("credential-ssh.json"))));
        stubs.put("create", authorized(post(urlPathEqualTo("/scans"))).willReturn(json(200, new String(body("create-scan.json"), StandardCharsets.UTF_8)
                .replace("\"id\": " + SCAN_REF + ",", "\"id\": " + options.scanId() + ",").getBytes(StandardCharsets.UTF_8))
                .withTransformers(ScanTargets.NAME, ScanRecords.NAME).withTransformerParameter(ScanRecords.ACTION, "tenable-create")));
        stubs.put("launch", authorized(post(urlPathEqualTo(scanPath + "/launch"))).willReturn(json(200, body("launch.json"))
                .withTransformers(ScanRecords.NAME).withTransformerParameter(ScanRecords.ACTION, "tenable-launch")));
        // The scans kept at Tenable (ScanRecords): listed by modification date, stopped, deleted (404 when unknown).
        stubs.put("list", authorized(get(urlPathEqualTo("/scans"))).willReturn(records("tenable-list")));
        stubs.put("stop", authorized(post(urlPathMatching("/scans/[0-9]+/stop"))).willReturn(records("tenable-stop")));
        stubs.put("delete", authorized(delete(urlPathMatching("/scans/[0-9]+"))).willReturn(records("tenable-delete")));
        stubStatus(stubs, scanPath, Scenario.STARTED, "running", "pending");
        stubStatus(stubs, scanPath, "running", "ended", "running");
        stubStatus(stubs, scanPath, "ended", null, options.ending().status);
        stubs.put("export", authorized(post(urlPathEqualTo(scanPath + "/export"))).willReturn(json(200, body("export.json"))));
        String exportStatus = scanPath + "/export/" + EXPORT_FILE + "/status";
        stubs.put("export-loading", authorized(get(urlPathEqualTo(exportStatus))).inScenario(EXPORT_SCENARIO)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ready").willReturn(status("loading")));
        stubs.put("export-ready", authorized(get(urlPathEqualTo(exportStatus))).inScenario(EXPORT_SCENARIO)
                .whenScenarioStateIs("ready").willReturn(status("ready")));
        stubs.put("download", authorized(get(urlPathEqualTo(scanPath + "/export/" + EXPORT_FILE + "/download")))
                .willReturn(options.reportsAnotherHost()
                        ? aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                                .withBody(new String(body("report.nessus"), StandardCharsets.UTF_8).replace(ScanTargets.SAMPLE_HOST, OTHER_HOST))
                        : aResponse().withStatus(200).withHeader("Content-Type", "application/octet-stream")
                                .withBody(body(options.criticalFinding() ? "report-critical.nessus" : "report.nessus"))
                                .withTransformers(ScanTargets.NAME)));
        server.setScenarioState(SCENARIO, Scenario.STARTED);
        server.setScenarioState(EXPORT_SCENARIO, Scenario.STARTED);
        return new TenableFake(server, scanPath);
    }

    /** What {@code gilder.scanner.tenable.base-url} must be. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The Secrets Manager secret value holding the fake's API keys. */
    public static String secretJson() {
        return "{\"accessKey\":\"" + ACCESS_KEY + "\",\"secretKey\":\"" + SECRET_KEY + "\"}";
    }

    /** The scan definitions Tenable keeps (created and not deleted), of every registration of the fake on this server. */
    public java.util.List<ScanRecords.Kept> keptScans() {
        return ScanRecords.of(server).kept("tenable");
    }

    /** How many scans were launched since the server's request journal was last reset. */
    public int launchedScans() {
        return server.countRequestsMatching(postRequestedFor(urlPathEqualTo(scanPath + "/launch")).build()).getCount();
    }

    private static void stubStatus(TaggedStubs stubs, String scanPath, String state, String next, String status) {
        var latest = authorized(get(urlPathEqualTo(scanPath + "/latest-status"))).inScenario(SCENARIO).whenScenarioStateIs(state);
        stubs.put("status-" + state, (next == null ? latest : latest.willSetStateTo(next)).willReturn(status(status)
                .withTransformers(ScanRecords.NAME).withTransformerParameter(ScanRecords.ACTION, "tenable-status")));
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.atPriority(1).withHeader("X-ApiKeys", equalTo("accessKey=" + ACCESS_KEY + ";secretKey=" + SECRET_KEY + ";"));
    }

    private static ResponseDefinitionBuilder records(String action) {
        return json(200, new byte[0]).withTransformers(ScanRecords.NAME).withTransformerParameter(ScanRecords.ACTION, action);
    }

    private static ResponseDefinitionBuilder status(String status) {
        return json(200, ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseDefinitionBuilder json(int status, byte[] body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static byte[] body(String sample) {
        return TaggedStubs.resource("tenable/" + sample);
    }
}
