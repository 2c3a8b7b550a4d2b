package io.gilder.scanner.qualys;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.gilder.error.RetryableException;
import io.gilder.error.ScannerAuthenticationException;
import io.gilder.error.ScannerBusyException;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.error.ScannerUnavailableException;
import io.gilder.error.TerminalException;
import io.gilder.scan.BasicCredentials;
import io.gilder.scan.FakeCredentialStore;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanResults;
import io.gilder.error.TargetNotScannedException;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanProof;
import io.gilder.scan.ScanCoverage;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.testing.TestResources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Qualys adapter over real HTTP against WireMock answering with Qualys' documented formats. */
class QualysScannerTest {

    static final String SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:qualys-AbCdEf";
    static final BasicCredentials CREDENTIALS = new BasicCredentials("gldr_ap", "s3cr3t-P@ss");
    static final String SCAN_REF = "scan/1741083304.41985";
    static final String SCAN_PATH = "/api/2.0/fo/scan/";
    static final String IP_PATH = "/api/2.0/fo/asset/ip/";
    static final ScanTarget TARGET = new ScanTarget("i-0fedcba9876543210", "10.0.1.23", "Gilder WebServer-1.2 ami-0abc");

    static WireMockServer qualys;
    final FakeCredentialStore credentials = new FakeCredentialStore(CREDENTIALS, null);
    QualysScanner scanner;

    @BeforeAll
    static void startQualys() {
        qualys = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        qualys.start();
    }

    @AfterAll
    static void stopQualys() {
        qualys.stop();
    }

    @BeforeEach
    void reset() {
        qualys.resetAll();
        scanner = scanner(settings("Initial Options", "gilder_scanner_1", SECRET));
    }

    QualysScanner scanner(QualysSettings settings) {
        return new QualysScanner(HttpClient.newHttpClient(), settings, credentials);
    }

    static QualysSettings settings(String profile, String appliance, String secret) {
        return new QualysSettings(URI.create(qualys.baseUrl() + "/"), secret, profile, appliance, Duration.ofSeconds(5));
    }

    static byte[] sample(String name) {
        return TestResources.bytes("qualys/" + name);
    }

    static void answer(MappingBuilder request, int status, String sample) {
        qualys.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody(sample(sample))));
    }

    static MappingBuilder list() {
        return get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("list")).withQueryParam("scan_ref", equalTo(SCAN_REF));
    }

    static MappingBuilder launch() {
        return post(urlPathEqualTo(SCAN_PATH)).withRequestBody(containing("action=launch"));
    }

    static MappingBuilder addIp() {
        return post(urlPathEqualTo(IP_PATH)).withRequestBody(containing("action=add"));
    }

    @Test
    void missingSettingsNameTheEmptyCredentialsParameterWithoutCallingQualys() {
        assertThat(scanner.missingSettings()).isEmpty();
        assertThat(scanner(settings("Initial Options", "gilder_scanner_1", null)).missingSettings()).contains("QualysCredentialsSecretArn is empty");
        assertThat(scanner(settings("Initial Options", "gilder_scanner_1", "  ")).missingSettings()).contains("QualysCredentialsSecretArn is empty");
        assertThat(qualys.getAllServeEvents()).isEmpty();
        assertThat(credentials.calls).isEmpty();
    }

    @Test
    void startAddsTheIpWithVmEnabledThenLaunchesOnTheApplianceWithTheProfile() {
        answer(addIp(), 200, "add-ip.xml");
        answer(launch(), 200, "launch.xml");

        assertThat(scanner.start(TARGET)).isEqualTo(SCAN_REF);

        String basic = "Basic " + Base64.getEncoder().encodeToString("gldr_ap:s3cr3t-P@ss".getBytes(StandardCharsets.UTF_8));
        qualys.verify(postRequestedFor(urlPathEqualTo(IP_PATH))
                .withHeader("X-Requested-With", equalTo(QualysHttp.REQUESTED_WITH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withFormParam("action", equalTo("add")).withFormParam("ips", equalTo("10.0.1.23"))
                .withFormParam("enable_vm", equalTo("1")));
        qualys.verify(postRequestedFor(urlPathEqualTo(SCAN_PATH))
                .withHeader("X-Requested-With", equalTo(QualysHttp.REQUESTED_WITH))
                .withHeader("Authorization", equalTo(basic))
                .withFormParam("action", equalTo("launch")).withFormParam("ip", equalTo("10.0.1.23"))
                .withFormParam("option_title", equalTo("Initial Options"))
                .withFormParam("iscanner_name", equalTo("gilder_scanner_1"))
                .withFormParam("scan_title", equalTo("Gilder WebServer-1.2 ami-0abc")));
        List<String> newestFirst = qualys.getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList();
        assertThat(newestFirst).containsExactly(SCAN_PATH, IP_PATH);
    }

    @Test
    void statusFollowsTheScanFromQueuedThroughRunningToFinished() {
        String scenario = "scan lifecycle";
        qualys.stubFor(list().inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("running")
                .willReturn(aResponse().withBody(sample("scan-list-queued.xml"))));
        qualys.stubFor(list().inScenario(scenario).whenScenarioStateIs("running").willSetStateTo("finished")
                .willReturn(aResponse().withBody(sample("scan-list-running.xml"))));
        qualys.stubFor(list().inScenario(scenario).whenScenarioStateIs("finished")
                .willReturn(aResponse().withBody(sample("scan-list-finished.xml"))));

        assertThat(scanner.status(SCAN_REF).status()).isEqualTo(ScanStatus.QUEUED);
        assertThat(scanner.status(SCAN_REF).status()).isEqualTo(ScanStatus.RUNNING);
        var finished = scanner.status(SCAN_REF);
        assertThat(finished.status()).isEqualTo(ScanStatus.FINISHED);
        assertThat(finished.scannerState()).isEqualTo("Finished");
        qualys.verify(3, getRequestedFor(urlPathEqualTo(SCAN_PATH)).withHeader("X-Requested-With", equalTo(QualysHttp.REQUESTED_WITH)));
    }

    @Test
    void errorAndCanceledScansAreReportedAsEndedWithTheirQualysState() {
        answer(list(), 200, "scan-list-error.xml");
        var error = scanner.status(SCAN_REF);
        assertThat(error.status()).isEqualTo(ScanStatus.FAILED);
        assertThat(error.status().failed()).isTrue();
        assertThat(error.scannerState()).isEqualTo("Error (Scan_Failed)");

        answer(list(), 200, "scan-list-canceled.xml");
        var canceled = scanner.status(SCAN_REF);
        assertThat(canceled.status()).isEqualTo(ScanStatus.CANCELED);
        assertThat(canceled.status().failed()).isTrue();
        assertThat(canceled.scannerState()).isEqualTo("Canceled");
    }

    /** The recorded finished scan list with {@code SUB_STATE} set to {@code subState}. */
    static String finishedWith(String subState) {
        return new String(sample("scan-list-finished.xml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("<STATE>Finished</STATE>", "<STATE>Finished</STATE>\n          <SUB_STATE>" + subState + "</SUB_STATE>");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "Submitted, QUEUED", "Queued, QUEUED", "Loading, QUEUED", "Running, RUNNING", "Paused, PAUSED",
            "Finished, FINISHED", "Error, FAILED", "Canceled, CANCELED"})
    void everyDocumentedScanStateHasItsMeaning(String state, ScanStatus meaning) {
        qualys.stubFor(list().willReturn(aResponse().withBody(new String(sample("scan-list-running.xml"),
                java.nio.charset.StandardCharsets.UTF_8).replace("<STATE>Running</STATE>", "<STATE>" + state + "</STATE>"))));

        assertThat(scanner.status(SCAN_REF)).isEqualTo(new ScanProgress(meaning, state));
    }

    @Test
    void aStateQualysDoesNotDocumentIsAnUnreadableAnswerAndNeverAScan() {
        qualys.stubFor(list().willReturn(aResponse().withBody(new String(sample("scan-list-running.xml"),
                java.nio.charset.StandardCharsets.UTF_8).replace("<STATE>Running</STATE>", "<STATE>Done</STATE>"))));

        assertThatThrownBy(() -> scanner.status(SCAN_REF)).isInstanceOf(io.gilder.error.ScannerResponseException.class)
                .hasMessageContaining("unknown state 'Done'");
    }

    @Test
    void finishedWithNoVulnerabilityFoundIsFinishedForTheResultsToProve() {
        qualys.stubFor(list().willReturn(aResponse().withBody(finishedWith("No_Vuln"))));

        assertThat(scanner.status(SCAN_REF)).isEqualTo(new ScanProgress(ScanStatus.FINISHED, "Finished (No_Vuln)"));
    }

    @Test
    void finishedWithNoLiveHostOrASubStateGilderDoesNotKnowFailsClosedAsNotScanned() {
        qualys.stubFor(list().willReturn(aResponse().withBody(finishedWith("No_Host"))));
        ScanProgress noHost = scanner.status(SCAN_REF);
        assertThat(noHost.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(noHost.scannerState()).startsWith("Finished (No_Host): no host was alive").contains("ScannerSourceCidr");

        qualys.stubFor(list().willReturn(aResponse().withBody(finishedWith("Exceeded_Scan_Time"))));
        ScanProgress unknown = scanner.status(SCAN_REF);
        assertThat(unknown.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(unknown.scannerState()).startsWith("Finished (Exceeded_Scan_Time): a sub-state Gilder does not know");
    }

    @Test
    void resultsProveTheIpsTheirRowsNameAndAnEmptyResultProvesNothing() {
        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(sample("fetch.json"))));
        assertThat(scanner.results(SCAN_REF).coverage().hosts()).containsExactly(
                new ScanCoverage.Host("10.0.1.23", true, "5 result rows for this IP in the finished scan"));

        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
        ScanResults empty = scanner.results(SCAN_REF);
        assertThat(empty.findings()).isEmpty();
        assertThat(empty.coverage().hosts()).isEmpty();
        assertThatThrownBy(() -> ScanProof.require("qualys", SCAN_REF, new ScanTarget("i-1", "10.0.1.23", ""), empty.coverage()))
                .isInstanceOf(TargetNotScannedException.class).hasMessageContaining("hold no row for any IP");
    }

    @Test
    void aScanListWithoutTheScanIsAnUnreadableAnswer() {
        qualys.stubFor(list().willReturn(aResponse().withBody(
                new String(sample("scan-list-running.xml"), StandardCharsets.UTF_8).replace(SCAN_REF, "scan/1.2"))));
        assertThatThrownBy(() -> scanner.status(SCAN_REF)).isInstanceOf(ScannerResponseException.class)
                .hasMessageContaining("does not list scan " + SCAN_REF);
    }

    @Test
    void resultsKeepTheRawAnswerAndNormalizeVulnerabilitiesButNotInformationGathered() {
        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .withQueryParam("scan_ref", equalTo(SCAN_REF)).withQueryParam("output_format", equalTo("json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(sample("fetch.json"))));

        ScanResults results = scanner.results(SCAN_REF);

        assertThat(results.raw()).isEqualTo(sample("fetch.json"));
        assertThat(results.contentType()).isEqualTo("application/json");
        assertThat(results.findings()).containsExactly(
                new Finding("38739", 3, "Deprecated SSH Cryptographic Settings", List.of(), 22, "tcp"),
                new Finding("376657", 4, "Amazon Linux Security Advisory for openssl: ALAS2023-2024-512",
                        List.of("CVE-2024-0727", "CVE-2023-6237"), null, null),
                new Finding("38173", 2, "SSL Certificate - Signature Verification Failed Vulnerability", List.of(), 443, "tcp"),
                new Finding("82003", 1, "ICMP Timestamp Request", List.of("CVE-1999-0524"), null, "icmp"));
    }

    @Test
    void unauthorizedIsTerminalNamesTheSecretNeverTheCredentialsAndForgetsThem() {
        answer(addIp(), 401, "bad-login.xml");

        assertThatThrownBy(() -> scanner.start(TARGET))
                .isInstanceOf(ScannerAuthenticationException.class).isInstanceOf(TerminalException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining(SECRET)
                .hasMessageContaining("POST " + IP_PATH + "?action=add")
                .message().doesNotContain(CREDENTIALS.password()).doesNotContain(CREDENTIALS.username());
        assertThat(credentials.calls).containsExactly("read " + SECRET, "forget " + SECRET);
        qualys.verify(0, postRequestedFor(urlPathEqualTo(SCAN_PATH)));
    }

    @Test
    void concurrencyLimitIsRetryableWithQualysHintsAsInformationAndARetrySucceeds() {
        answer(addIp(), 200, "add-ip.xml");
        String scenario = "busy";
        qualys.stubFor(launch().inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(409).withHeader("X-Concurrency-Limit-Limit", "2")
                        .withHeader("X-Concurrency-Limit-Running", "2").withBody(sample("concurrency-limit.xml"))));
        qualys.stubFor(launch().inScenario(scenario).whenScenarioStateIs("free")
                .willReturn(aResponse().withBody(sample("launch.xml"))));

        long start = System.nanoTime();
        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerBusyException.class)
                .isInstanceOf(RetryableException.class)
                .hasMessageContaining("HTTP 409").hasMessageContaining("code 1960")
                .hasMessageContaining("X-Concurrency-Limit-Limit: 2").hasMessageContaining("X-Concurrency-Limit-Running: 2");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("never sleeps").isLessThan(Duration.ofSeconds(2));

        assertThat(scanner.start(TARGET)).isEqualTo(SCAN_REF);
    }

    @Test
    void rateLimitIsRetryableEvenWhenQualysAnswers400() {
        qualys.stubFor(list().willReturn(aResponse().withStatus(400).withHeader("X-RateLimit-ToWait-Sec", "17")
                .withBody(sample("rate-limit.xml"))));

        assertThatThrownBy(() -> scanner.status(SCAN_REF)).isInstanceOf(ScannerBusyException.class)
                .hasMessageContaining("code 1965").hasMessageContaining("X-RateLimit-ToWait-Sec: 17")
                .hasMessageContaining("SECONDS_TO_WAIT: 17");
    }

    @Test
    void aRefusedParameterIsTerminalWithQualysCodeAndText() {
        answer(addIp(), 200, "add-ip.xml");
        answer(launch(), 400, "invalid-option-profile.xml");

        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("code 1905: parameter option_title has invalid value: No Such Profile");
    }

    @Test
    void serverErrorsAreRetryable() {
        qualys.stubFor(list().willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> scanner.status(SCAN_REF)).isInstanceOf(ScannerUnavailableException.class)
                .isInstanceOf(RetryableException.class).hasMessageContaining("HTTP 503");
    }

    @Test
    void malformedXmlIsTerminalAndNamesTheEndpoint() {
        answer(addIp(), 200, "add-ip.xml");
        answer(launch(), 200, "malformed.xml");

        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerResponseException.class)
                .isInstanceOf(TerminalException.class)
                .hasMessageContaining("Qualys POST /api/2.0/fo/scan/?action=launch answered malformed XML");
    }

    @Test
    void malformedJsonResultsAreTerminalAndNameTheEndpoint() {
        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .willReturn(aResponse().withBody("[{\"qid\": 38739, \"severity\": \"3\"")));

        assertThatThrownBy(() -> scanner.results(SCAN_REF)).isInstanceOf(ScannerResponseException.class)
                .hasMessageContaining("Qualys GET /api/2.0/fo/scan/?action=fetch answered malformed JSON");
    }

    @Test
    void aSeverityOutsideOneToFiveIsAnUnreadableAnswer() {
        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .willReturn(aResponse().withBody("[{\"qid\": 1, \"type\": \"Vuln\", \"severity\": \"9\", \"title\": \"x\"}]")));

        assertThatThrownBy(() -> scanner.results(SCAN_REF)).isInstanceOf(ScannerResponseException.class)
                .hasMessageContaining("QID 1").hasMessageContaining("'9'");
    }

    @Test
    void anXmlErrorInPlaceOfJsonResultsIsReportedWithQualysText() {
        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("fetch"))
                .willReturn(aResponse().withBody(sample("invalid-option-profile.xml"))));

        assertThatThrownBy(() -> scanner.results(SCAN_REF)).isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("code 1905");
    }

    @Test
    void externalEntitiesAndDtdsAreNeverFetched(@TempDir Path dir) throws IOException {
        Path secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, "TOP-SECRET-CONTENT");
        qualys.stubFor(get(urlPathEqualTo("/evil.dtd")).willReturn(aResponse().withBody("<!ENTITY leak 'LEAKED'>")));
        String hostile = """
                <?xml version="1.0"?>
                <!DOCTYPE SIMPLE_RETURN SYSTEM "%s/evil.dtd" [
                  <!ENTITY xxe SYSTEM "%s">
                ]>
                <SIMPLE_RETURN><RESPONSE><TEXT>New vm scan launched</TEXT><ITEM_LIST>
                  <ITEM><KEY>REFERENCE</KEY><VALUE>&xxe;</VALUE></ITEM>
                </ITEM_LIST></RESPONSE></SIMPLE_RETURN>
                """.formatted(qualys.baseUrl(), secretFile.toUri());
        answer(addIp(), 200, "add-ip.xml");
        qualys.stubFor(launch().willReturn(aResponse().withBody(hostile)));

        String outcome;
        try {
            outcome = scanner.start(TARGET);
        } catch (ScannerResponseException e) {
            outcome = e.getMessage();
        }
        assertThat(outcome).doesNotContain("TOP-SECRET-CONTENT");
        qualys.verify(0, getRequestedFor(urlPathEqualTo("/evil.dtd")));
    }

    @Test
    void missingSettingsAreNamedByTheirEnvironmentVariableWhenUsed() {
        assertThatThrownBy(() -> scanner(settings("Initial Options", "gilder_scanner_1", null)).status(SCAN_REF))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GILDER_SCANNER_QUALYS_CREDENTIALS_SECRET_ARN");
        assertThatThrownBy(() -> scanner(settings("Initial Options", null, SECRET)).start(TARGET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GILDER_SCANNER_QUALYS_SCANNER_APPLIANCE");
        assertThat(qualys.getAllServeEvents()).isEmpty();
    }


    static final io.gilder.scan.ScanTitle OWNER = new io.gilder.scan.ScanTitle("build-42", false);
    static final java.time.Instant SINCE = java.time.Instant.parse("2025-03-04T09:00:00Z");

    /** The documented scan list (the running sample) holding these scans: {ref, title, state} each. */
    static String scanList(String[]... scans) {
        String sample = new String(sample("scan-list-running.xml"), StandardCharsets.UTF_8);
        int start = sample.indexOf("<SCAN>");
        int end = sample.indexOf("</SCAN>") + "</SCAN>".length();
        String one = sample.substring(start, end);
        StringBuilder all = new StringBuilder();
        for (String[] scan : scans) {
            all.append(one.replace(SCAN_REF, scan[0])
                    .replace("Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc1234def567890 (i-0fedcba9876543210, execution build-7)", scan[1])
                    .replace("<STATE>Running</STATE>", "<STATE>" + scan[2] + "</STATE>"));
        }
        return sample.substring(0, start) + all + sample.substring(end);
    }

    static String title(io.gilder.scan.ScanTitle owner, String instance) {
        return (owner.rescan() ? "Gilder rescan " : "Gilder ") + "WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (" + instance + ", execution "
                + owner.execution() + ")";
    }

    static void stubAllScans(String body) {
        qualys.stubFor(get(urlPathEqualTo(SCAN_PATH)).withQueryParam("action", equalTo("list"))
                .withQueryParam("launched_after_datetime", equalTo("2025-03-04T09:00:00Z"))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(body)));
    }

    static MappingBuilder scanAction(String action, String ref) {
        return post(urlPathEqualTo(SCAN_PATH)).withFormParam("action", equalTo(action)).withFormParam("scan_ref", equalTo(ref));
    }

    @Test
    void discardCancelsTheExecutionsRunningScanAndDeletesItsScansButNoOtherExecutionsOrKinds() {
        stubAllScans(scanList(new String[] {"scan/1.1", title(OWNER, "i-1"), "Running"},
                new String[] {"scan/1.2", title(OWNER, "i-2"), "Finished"},
                new String[] {"scan/1.3", title(new io.gilder.scan.ScanTitle("build-420", false), "i-3"), "Running"},
                new String[] {"scan/1.4", title(new io.gilder.scan.ScanTitle("build-42", true), "i-4"), "Queued"},
                new String[] {"scan/1.5", "Quarterly PCI scan", "Finished"}));
        answer(scanAction("cancel", "scan/1.1"), 200, "cancel.xml");
        answer(scanAction("delete", "scan/1.1"), 200, "delete.xml");
        answer(scanAction("delete", "scan/1.2"), 200, "delete.xml");

        assertThat(scanner.discard(OWNER, SINCE)).containsExactly("scan/1.1", "scan/1.2");

        qualys.verify(1, postRequestedFor(urlPathEqualTo(SCAN_PATH)).withFormParam("action", equalTo("cancel")));
        qualys.verify(2, postRequestedFor(urlPathEqualTo(SCAN_PATH)).withFormParam("action", equalTo("delete")));
        qualys.verify(postRequestedFor(urlPathEqualTo(SCAN_PATH)).withFormParam("action", equalTo("cancel"))
                .withFormParam("scan_ref", equalTo("scan/1.1")).withHeader("X-Requested-With", equalTo(QualysHttp.REQUESTED_WITH)));
    }

    @Test
    void aScanStillCancelingIsBusyNamingItAfterTheOthersWereDeleted() {
        stubAllScans(scanList(new String[] {"scan/2.1", title(OWNER, "i-1"), "Running"},
                new String[] {"scan/2.2", title(OWNER, "i-2"), "Canceled"}));
        answer(scanAction("cancel", "scan/2.1"), 200, "cancel.xml");
        answer(scanAction("delete", "scan/2.1"), 400, "delete-refused.xml");
        answer(scanAction("delete", "scan/2.2"), 200, "delete.xml");

        assertThatThrownBy(() -> scanner.discard(OWNER, SINCE)).isInstanceOf(ScannerBusyException.class)
                .hasMessageContaining("scan/2.1").hasMessageContaining("cancel requested").hasMessageContaining("deleted: [scan/2.2]");
    }

    @Test
    void aRefusedDeletionOfAnEndedScanIsAnErrorAndAnEmptyListNothingToDo() {
        stubAllScans(scanList(new String[] {"scan/3.1", title(OWNER, "i-1"), "Finished"}));
        answer(scanAction("delete", "scan/3.1"), 400, "delete-refused.xml");
        assertThatThrownBy(() -> scanner.discard(OWNER, SINCE)).isInstanceOf(io.gilder.error.ScannerRejectedException.class)
                .hasMessageContaining("action=delete");
        qualys.verify(0, postRequestedFor(urlPathEqualTo(SCAN_PATH)).withFormParam("action", equalTo("cancel")));

        stubAllScans(scanList());
        assertThat(scanner.discard(OWNER, SINCE)).isEmpty();
    }
}
