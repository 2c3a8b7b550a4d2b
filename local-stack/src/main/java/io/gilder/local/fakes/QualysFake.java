package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

/**
 * Plays the Qualys VM API v2 on a {@link WireMockServer} for the local stack, the demo and tests:
 * adding an IP, launching a scan, a scan that is Queued, then Running, then ends (Finished by default,
 * or Error or Canceled), and its results as JSON (findings of severities 1-4 with CVEs, optionally
 * one of severity 5). Only requests with the {@code X-Requested-With} header and the fake's Basic
 * credentials are served; others get what Qualys answers (400, 401). Bodies are Qualys' documented
 * formats, under {@code qualys/} on the classpath. The scans launched are kept until deleted ({@link ScanRecords}): the
 * scan list without {@code scan_ref}, {@code cancel} and {@code delete} answer from them ({@link #keptScans()}).
 *
 * <pre>{@code
 * QualysFake qualys = QualysFake.register(stack.wiremock(), QualysFake.Options.defaults().withUrgentFinding());
 * // point gilder.scanner.qualys.base-url at qualys.baseUrl(), store qualys.secretJson() in the credentials secret
 * }</pre>
 */
public final class QualysFake {

    public static final String USERNAME = "gilder_demo";
    /** A made-up password for the fake only; real credentials live in Secrets Manager. */
    public static final String PASSWORD = "local-fake-password";
    public static final String SCAN_REF = "scan/1741083304.41985";
    public static final String SCANNER_APPLIANCE = "gilder_demo_scanner";

    static final String SCAN_PATH = "/api/2.0/fo/scan/";
    static final String IP_PATH = "/api/2.0/fo/asset/ip/";
    private static final String SCENARIO = "qualys-scan";
    private static final String METADATA_KEY = "gilderQualysFake";

    /** How the fake scan ends. */
    public enum Ending {
        FINISHED("scan-list-finished.xml"), ERROR("scan-list-error.xml"), CANCELED("scan-list-canceled.xml"),
        /** Finished without a live host ({@code SUB_STATE} {@code No_Host}): the appliance never reached the target; no result rows. */
        NO_HOST("scan-list-no-host.xml");

        final String sample;

        Ending(String sample) {
            this.sample = sample;
        }
    }

    /**
     * @param ending         the scan's last state
     * @param urgentFinding  the results also hold a severity-5 finding (a kernel advisory), so a default policy blocks
     * @param scanRef        the reference the launch answers
     * @param addIpDelay     how long the add-IP call (the one before a launch) takes: a "Start Scan" held in flight
     */
    public record Options(Ending ending, boolean urgentFinding, String scanRef, java.time.Duration addIpDelay) {

        public static Options defaults() {
            return new Options(Ending.FINISHED, false, SCAN_REF, java.time.Duration.ZERO);
        }

        public Options endingWith(Ending ending) {
            return new Options(ending, urgentFinding, scanRef, addIpDelay);
        }

        public Options withUrgentFinding() {
            return new Options(ending, true, scanRef, addIpDelay);
        }

        /** The reference the launch answers (and list and fetch expect): a later scan of the same image gets another. */
        public Options withScanRef(String ref) {
            return new Options(ending, urgentFinding, ref, addIpDelay);
        }

        /** The add-IP call answers after {@code delay}, so the launch that follows it comes that much later. */
        public Options withSlowAddIp(java.time.Duration delay) {
            return new Options(ending, urgentFinding, scanRef, delay);
        }
    }

    private final WireMockServer server;

    private QualysFake(WireMockServer server) {
        this.server = server;
    }

    /** Adds the Qualys stubs to {@code server} (replacing the fake's earlier ones) and starts the scan's story afresh. */
    public static QualysFake register(WireMockServer server, Options options) {
        TaggedStubs stubs = new TaggedStubs(server, "qualys fake", METADATA_KEY);
        stubs.put("unauthorized", any(urlPathMatching("/api/2\\.0/.*")).atPriority(10)
                .willReturn(xml(401, "bad-login.xml")));
        stubs.put("missing-header", any(urlPathMatching("/api/2\\.0/.*")).atPriority(5).withHeader("X-Requested-With", absent())
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?><SIMPLE_RETURN><RESPONSE>"
                                + "<TEXT>Request header X-Requested-With is required</TEXT></RESPONSE></SIMPLE_RETURN>")));
        stubs.put("add-ip", authorized(post(urlPathEqualTo(IP_PATH)).withRequestBody(containing("action=add")))
                .willReturn(xml(200, "add-ip.xml").withFixedDelay((int) options.addIpDelay().toMillis())));
        stubs.put("launch", authorized(post(urlPathEqualTo(SCAN_PATH)).withRequestBody(containing("action=launch")))
                .willReturn(xml(200, "launch.xml", options.scanRef()).withTransformers(ScanTargets.NAME, ScanRecords.NAME)
                        .withTransformerParameter(ScanRecords.ACTION, "qualys-launch")));
        // The scans kept at Qualys (ScanRecords): listed by launch date, canceled, deleted.
        stubs.put("list-all", authorized(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("list"))
                .withQueryParam("scan_ref", absent())).willReturn(records("qualys-list")));
        stubs.put("cancel", authorized(post(urlPathEqualTo(SCAN_PATH)).withRequestBody(containing("action=cancel")))
                .willReturn(records("qualys-cancel")));
        stubs.put("delete", authorized(post(urlPathEqualTo(SCAN_PATH)).withRequestBody(containing("action=delete")))
                .willReturn(records("qualys-delete")));
        stubScanList(stubs, options.scanRef(), Scenario.STARTED, "loading", "scan-list-queued.xml");
        stubScanList(stubs, options.scanRef(), "loading", "ended", "scan-list-running.xml");
        stubScanList(stubs, options.scanRef(), "ended", null, options.ending().sample);
        // WireMock checks a request against the scenario's stubs one by one while another request may move the
        // state: when two scans poll at once (a rescan of several images), a request can match no state. It then
        // sees the scan running, as a real poll in between would, instead of the catch-all 401.
        stubs.put("list-between-states", authorized(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("list"))
                .withQueryParam("scan_ref", equalTo(options.scanRef()))).atPriority(2)
                .willReturn(following(xml(200, "scan-list-running.xml", options.scanRef()))));
        stubs.put("fetch", authorized(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .withQueryParam("scan_ref", equalTo(options.scanRef())))
                .willReturn(options.ending() == Ending.NO_HOST
                        ? aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")
                        : aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withBody(body(options.urgentFinding() ? "fetch-urgent.json" : "fetch.json"))
                                .withTransformers(ScanTargets.NAME)));
        server.setScenarioState(SCENARIO, Scenario.STARTED);
        return new QualysFake(server);
    }

    /** What {@code gilder.scanner.qualys.base-url} must be. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The Secrets Manager secret value holding the fake's credentials. */
    public static String secretJson() {
        return "{\"username\":\"" + USERNAME + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    /** The scans Qualys keeps (launched and not deleted), of every registration of the fake on this server. */
    public java.util.List<ScanRecords.Kept> keptScans() {
        return ScanRecords.of(server).kept("qualys");
    }

    /** How many scans were launched since the server's request journal was last reset. */
    public int launchedScans() {
        return server.countRequestsMatching(postRequestedFor(urlPathEqualTo(SCAN_PATH))
                .withRequestBody(containing("action=launch")).build()).getCount();
    }

    private static void stubScanList(TaggedStubs stubs, String scanRef, String state, String next, String sample) {
        ScenarioMappingBuilder list = authorized(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("list"))
                .withQueryParam("scan_ref", equalTo(scanRef))).inScenario(SCENARIO).whenScenarioStateIs(state);
        stubs.put("list-" + state, (next == null ? list : list.willSetStateTo(next)).willReturn(following(xml(200, sample, scanRef))));
    }

    private static MappingBuilder authorized(MappingBuilder request) {
        return request.atPriority(1).withHeader("X-Requested-With", containing("")).withBasicAuth(USERNAME, PASSWORD);
    }

    /** A scan-list answer whose state the kept scan takes too (ScanRecords). */
    private static ResponseDefinitionBuilder following(ResponseDefinitionBuilder answer) {
        return answer.withTransformers(ScanRecords.NAME).withTransformerParameter(ScanRecords.ACTION, "qualys-status");
    }

    private static ResponseDefinitionBuilder records(String action) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withTransformers(ScanRecords.NAME)
                .withTransformerParameter(ScanRecords.ACTION, action);
    }

    private static ResponseDefinitionBuilder xml(int status, String sample) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body(sample));
    }

    /** A sample whose scan reference is {@code scanRef} instead of {@link #SCAN_REF}. */
    private static ResponseDefinitionBuilder xml(int status, String sample, String scanRef) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(new String(body(sample), java.nio.charset.StandardCharsets.UTF_8).replace(SCAN_REF, scanRef));
    }

    private static byte[] body(String sample) {
        return TaggedStubs.resource("qualys/" + sample);
    }
}
