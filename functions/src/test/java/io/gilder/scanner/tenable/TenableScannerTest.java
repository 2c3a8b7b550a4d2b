package io.gilder.scanner.tenable;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import io.gilder.scan.ApiKeys;
import io.gilder.scan.FakeCredentialStore;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.scan.ScanTitle;
import io.gilder.testing.TestResources;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Tenable adapter over real HTTP against WireMock answering as Tenable Vulnerability Management's API
 * documents (bodies under {@code tenable/}: scanner and template lists, a managed credential, a created
 * scan, an export and a {@code .nessus} report).
 */
class TenableScannerTest {

    static final String SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:tenable-AbCdEf";
    static final ApiKeys KEYS = new ApiKeys("ak-7f3e9c2b1a", "sk-SECRET-4d8e2f6a0b");
    static final String SCANNER_UUID = "6b8c3a1e-4f5d-4e2a-9a1b-2c3d4e5f6a7b";
    static final String TEMPLATE_UUID = "731a8e52-3ea6-a291-ec0a-d2ff0619c19d7bd788d6be818b65";
    static final String SSH_CREDENTIAL = "0f6c1c5e-8a1d-4c36-9f1e-3b2d7a5e4c10";
    static final String WINDOWS_CREDENTIAL = "9e2d4b6a-1c3f-4e5a-8b7d-0f1e2d3c4b5a";
    static final String FILE = "SSEUF-0b91ea42-cbcf-4634-8364-2f650c7b6b1d-nessus";
    static final ScanTarget TARGET = new ScanTarget("i-0fedcba9876543210", "10.0.1.23", "Gilder WebServer-1.2 ami-0abc");

    static WireMockServer tenable;
    final FakeCredentialStore credentials = new FakeCredentialStore(null, KEYS);
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
        scanner = scanner(settings("gilder-vpc-scanner", SECRET, List.of()));
    }

    TenableScanner scanner(TenableSettings settings) {
        return new TenableScanner(HttpClient.newHttpClient(), settings, credentials);
    }

    static TenableSettings settings(String scannerName, String secret, List<String> managedCredentials) {
        return new TenableSettings(URI.create(tenable.baseUrl() + "/"), secret, scannerName, "basic", managedCredentials,
                Duration.ofSeconds(5));
    }

    static byte[] sample(String name) {
        return TestResources.bytes("tenable/" + name);
    }

    static void json(MappingBuilder request, String body) {
        tenable.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    static void sampleJson(MappingBuilder request, String sample) {
        tenable.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(sample(sample))));
    }

    static void stubLookups() {
        sampleJson(get(urlPathEqualTo("/scanners")), "scanners.json");
        sampleJson(get(urlPathEqualTo("/editor/scan/templates")), "templates.json");
    }

    static void stubExport(String status) {
        sampleJson(post(urlPathEqualTo("/scans/42/export")).withRequestBody(equalToJson("{\"format\":\"nessus\"}")), "export.json");
        json(get(urlPathEqualTo("/scans/42/export/" + FILE + "/status")), "{\"status\":\"" + status + "\"}");
    }

    static MappingBuilder latestStatus() {
        return get(urlPathEqualTo("/scans/42/latest-status"));
    }

    @Test
    void missingSettingsNameTheStackParametersToSetWithoutCallingTenable() {
        assertThat(scanner.missingSettings()).isEmpty();
        assertThat(scanner(settings(null, SECRET, List.of())).missingSettings()).contains("TenableScannerName is empty");
        assertThat(scanner(settings(" ", null, List.of())).missingSettings())
                .contains("TenableCredentialsSecretArn is empty and TenableScannerName is empty");
        assertThat(tenable.getAllServeEvents()).isEmpty();
        assertThat(credentials.calls).isEmpty();
    }

    @Test
    void startFindsScannerAndTemplateThenCreatesAScanOfThePrivateIpAndLaunchesIt() {
        stubLookups();
        sampleJson(post(urlPathEqualTo("/scans")), "create-scan.json");
        sampleJson(post(urlPathEqualTo("/scans/42/launch")), "launch.json");

        assertThat(scanner.start(TARGET)).isEqualTo("42");

        String apiKeys = "accessKey=ak-7f3e9c2b1a;secretKey=sk-SECRET-4d8e2f6a0b;";
        tenable.verify(getRequestedFor(urlPathEqualTo("/scanners")).withHeader("X-ApiKeys", equalTo(apiKeys))
                .withHeader("User-Agent", equalTo(TenableHttp.USER_AGENT)));
        tenable.verify(postRequestedFor(urlPathEqualTo("/scans")).withHeader("X-ApiKeys", equalTo(apiKeys))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"uuid": "%s", "settings": {"name": "Gilder WebServer-1.2 ami-0abc", "text_targets": "10.0.1.23",
                         "scanner_id": "%s", "enabled": false}}""".formatted(TEMPLATE_UUID, SCANNER_UUID))));
        tenable.verify(postRequestedFor(urlPathEqualTo("/scans/42/launch")).withHeader("X-ApiKeys", equalTo(apiKeys)));
        assertThat(tenable.getAllServeEvents().stream().map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList())
                .as("newest first").containsExactly("POST /scans/42/launch", "POST /scans", "GET /editor/scan/templates", "GET /scanners");
    }

    @Test
    void managedCredentialsAreReferencedByUuidUnderTheCategoryAndTypeTenableGivesThem() {
        stubLookups();
        sampleJson(get(urlPathEqualTo("/credentials/" + SSH_CREDENTIAL)), "credential-ssh.json");
        sampleJson(get(urlPathEqualTo("/credentials/" + WINDOWS_CREDENTIAL)), "credential-windows.json");
        sampleJson(post(urlPathEqualTo("/scans")), "create-scan.json");
        sampleJson(post(urlPathEqualTo("/scans/42/launch")), "launch.json");

        scanner(settings("gilder-vpc-scanner", SECRET, List.of(SSH_CREDENTIAL, WINDOWS_CREDENTIAL))).start(TARGET);

        tenable.verify(postRequestedFor(urlPathEqualTo("/scans")).withRequestBody(equalToJson("""
                {"credentials": {"add": {"Host": {"SSH": [{"id": "%s"}], "Windows": [{"id": "%s"}]}}}}"""
                .formatted(SSH_CREDENTIAL, WINDOWS_CREDENTIAL), true, true)));
        assertThat(tenable.findAll(postRequestedFor(urlPathEqualTo("/scans"))).get(0).getBodyAsString())
                .as("only references leave Gilder").doesNotContain("password").doesNotContain("private_key").doesNotContain("username");
    }

    @Test
    void anUnknownScannerOrTemplateIsRefusedNamingWhatTheKeysCanSee() {
        stubLookups();

        assertThatThrownBy(() -> scanner(settings("no-such-scanner", SECRET, List.of())).start(TARGET))
                .isInstanceOf(ScannerRejectedException.class).hasMessageContaining("'no-such-scanner'")
                .hasMessageContaining("US Cloud Scanner, gilder-vpc-scanner").hasMessageContaining("gilder.scanner.tenable.scanner-name");
        TenableSettings wrongTemplate = new TenableSettings(URI.create(tenable.baseUrl()), SECRET, "gilder-vpc-scanner",
                "Basic Network Scan", List.of(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> scanner(wrongTemplate).start(TARGET)).as("a title is not a name").isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("'Basic Network Scan'").hasMessageContaining("basic, advanced")
                .hasMessageContaining("gilder.scanner.tenable.template-name");
        tenable.verify(0, postRequestedFor(urlPathEqualTo("/scans")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "empty, QUEUED", "pending, QUEUED", "initializing, QUEUED", "running, RUNNING", "resuming, RUNNING",
            "processing, RUNNING", "publishing, RUNNING", "stopping, RUNNING", "pausing, PAUSED", "paused, PAUSED",
            "canceled, CANCELED", "stopped, CANCELED", "aborted, FAILED", "imported, FAILED"})
    void everyDocumentedStatusBeforeCompletionHasItsMeaning(String status, ScanStatus meaning) {
        json(latestStatus(), "{\"status\":\"" + status + "\"}");

        assertThat(scanner.status("42")).isEqualTo(new ScanProgress(meaning, status));
    }

    @Test
    void aReportHostTenableGaveUpOnAsDeadIsNotProof() {
        stubExport("ready");
        String dead = new String(sample("report.nessus"), java.nio.charset.StandardCharsets.UTF_8).replaceFirst("<ReportItem ",
                "<ReportItem port=\"0\" svc_name=\"general\" protocol=\"tcp\" severity=\"0\" pluginID=\"10180\" "
                        + "pluginName=\"Ping the remote host\" pluginFamily=\"Port scanners\"><plugin_output>The remote host is "
                        + "considered as dead - not scanning</plugin_output></ReportItem>\n<ReportItem ");
        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/download")).willReturn(aResponse().withBody(dead)));

        io.gilder.scan.ScanCoverage.Host host = scanner.results("42").coverage().hosts().get(0);

        assertThat(host.address()).isEqualTo("10.0.1.23");
        assertThat(host.complete()).isFalse();
        assertThat(host.detail()).contains("considered the host dead");
    }

    @Test
    void aScanWhoseLaunchFailsIsDeletedAndTheErrorKept() {
        stubLookups();
        sampleJson(post(urlPathEqualTo("/scans")), "create-scan.json");
        tenable.stubFor(post(urlPathEqualTo("/scans/42/launch")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "text/html").withBody(sample("too-many-requests.html"))));
        tenable.stubFor(delete(urlPathEqualTo("/scans/42")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerBusyException.class)
                .hasMessageContaining("POST /scans/{scan_id}/launch");
        tenable.verify(deleteRequestedFor(urlPathEqualTo("/scans/42")));
    }

    @Test
    void statusFollowsTheScanFromPendingThroughRunningToCompletedAndWaitsForTheExport() {
        String scenario = "scan lifecycle";
        String[] states = {"pending", "running", "completed", "completed"};
        for (int i = 0; i < states.length; i++) {
            tenable.stubFor(latestStatus().inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "check " + i)
                    .willSetStateTo("check " + (i + 1))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"status\":\"" + states[i] + "\"}")));
        }
        sampleJson(post(urlPathEqualTo("/scans/42/export")), "export.json");
        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/status")).inScenario(scenario).whenScenarioStateIs("check 3")
                .willReturn(aResponse().withBody("{\"status\":\"loading\"}")));
        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/status")).inScenario(scenario).whenScenarioStateIs("check 4")
                .willReturn(aResponse().withBody("{\"status\":\"ready\"}")));

        assertThat(scanner.status("42")).isEqualTo(new ScanProgress(ScanStatus.QUEUED, "pending"));
        assertThat(scanner.status("42")).isEqualTo(new ScanProgress(ScanStatus.RUNNING, "running"));
        tenable.verify(0, postRequestedFor(urlPathEqualTo("/scans/42/export")));
        assertThat(scanner.status("42")).isEqualTo(new ScanProgress(ScanStatus.RUNNING, "completed (exporting results: loading)"));
        assertThat(scanner.status("42")).isEqualTo(new ScanProgress(ScanStatus.FINISHED, "completed"));
        tenable.verify(2, postRequestedFor(urlPathEqualTo("/scans/42/export")).withRequestBody(equalToJson("{\"format\":\"nessus\"}")));
    }

    @Test
    void canceledAndAbortedScansEndWithoutResultsInTheirTenableWords() {
        json(latestStatus(), "{\"status\":\"canceled\"}");
        ScanProgress canceled = scanner.status("42");
        assertThat(canceled).isEqualTo(new ScanProgress(ScanStatus.CANCELED, "canceled"));
        assertThat(canceled.status().failed()).isTrue();

        json(latestStatus(), "{\"status\":\"aborted\"}");
        assertThat(scanner.status("42")).isEqualTo(new ScanProgress(ScanStatus.FAILED, "aborted"));

        json(latestStatus(), "{\"status\":\"completed\"}");
        stubExport("error");
        assertThat(scanner.status("42").status()).as("an export that failed").isEqualTo(ScanStatus.FAILED);
    }

    @Test
    void anUnknownStatusIsAnUnreadableAnswer() {
        json(latestStatus(), "{\"status\":\"teleporting\"}");
        assertThatThrownBy(() -> scanner.status("42")).isInstanceOf(ScannerResponseException.class)
                .hasMessageContaining("'teleporting'").hasMessageContaining("GET /scans/{scan_id}/latest-status");
    }

    @Test
    void resultsDownloadTheNessusExportKeepItRawAndNormalizeSeveritiesPluginsAndCves() {
        stubExport("ready");
        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/download"))
                .willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(sample("report.nessus"))));

        ScanResults results = scanner.results("42");

        assertThat(results.raw()).isEqualTo(sample("report.nessus"));
        assertThat(results.contentType()).isEqualTo("application/xml");
        assertThat(results.findings()).containsExactly(
                new Finding("19506", 1, "Nessus Scan Information", List.of(), null, null),
                new Finding("153953", 3, "SSH Weak Key Exchange Algorithms Enabled", List.of(), 22, "tcp"),
                new Finding("187246", 4, "Amazon Linux 2023 : openssl (ALAS2023-2024-512)", List.of("CVE-2024-0727", "CVE-2023-6237"),
                        null, null),
                new Finding("10114", 2, "ICMP Timestamp Request Remote Date Disclosure", List.of("CVE-1999-0524"), null, null),
                new Finding("201024", 5, "OpenSSL 3.0.0 < 3.0.14 Multiple Vulnerabilities", List.of("CVE-2024-5535", "CVE-2024-4741"),
                        443, "tcp"));
    }

    @Test
    void anItemWithoutSeverityIsRatedByItsRiskFactorAndOneWithNeitherIsUnreadable() {
        stubExport("ready");
        String nessus = "<NessusClientData_v2><Report><ReportHost name=\"10.0.1.23\">"
                + "<ReportItem port=\"80\" protocol=\"tcp\" pluginID=\"11219\" pluginName=\"Open port\"><risk_factor>Medium</risk_factor></ReportItem>"
                + "</ReportHost></Report></NessusClientData_v2>";
        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/download")).willReturn(aResponse().withBody(nessus)));
        assertThat(scanner.results("42").findings()).containsExactly(new Finding("11219", 3, "Open port", List.of(), 80, "tcp"));

        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/download"))
                .willReturn(aResponse().withBody(nessus.replace("<risk_factor>Medium</risk_factor>", ""))));
        assertThatThrownBy(() -> scanner.results("42")).isInstanceOf(ScannerResponseException.class).hasMessageContaining("plugin 11219");
    }

    @Test
    void anExportThatIsNotReadyYetIsRetryableAndDownloadsNothing() {
        stubExport("loading");

        assertThatThrownBy(() -> scanner.results("42")).isInstanceOf(ScannerBusyException.class).isInstanceOf(RetryableException.class)
                .hasMessageContaining(FILE).hasMessageContaining("loading");
        tenable.verify(0, getRequestedFor(urlPathMatching(".*/download")));
    }

    @Test
    void unauthorizedIsTerminalNamesTheSecretNeverTheKeysAndForgetsThem() {
        tenable.stubFor(get(urlPathEqualTo("/scanners")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody(sample("unauthorized.json"))));

        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerAuthenticationException.class)
                .isInstanceOf(TerminalException.class).hasMessageContaining("HTTP 401").hasMessageContaining(SECRET)
                .hasMessageContaining("Tenable GET /scanners")
                .message().doesNotContain(KEYS.secretKey()).doesNotContain(KEYS.accessKey());
        assertThat(credentials.calls).containsExactly("read " + SECRET, "forget " + SECRET);
    }

    @Test
    void rateLimitIsRetryableCarriesRetryAfterAsInformationNeverSleepsAndARetrySucceeds() {
        String scenario = "rate limit";
        tenable.stubFor(latestStatus().inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30").withHeader("Content-Type", "text/html")
                        .withBody(sample("too-many-requests.html"))));
        tenable.stubFor(latestStatus().inScenario(scenario).whenScenarioStateIs("calm")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"status\":\"running\"}")));

        long start = System.nanoTime();
        assertThatThrownBy(() -> scanner.status("42")).isInstanceOf(ScannerBusyException.class).isInstanceOf(RetryableException.class)
                .hasMessageContaining("HTTP 429").hasMessageContaining("Retry-After: 30 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("never sleeps").isLessThan(Duration.ofSeconds(2));

        assertThat(scanner.status("42").status()).isEqualTo(ScanStatus.RUNNING);
    }

    @Test
    void serverErrorsAreRetryableAndRefusalsTerminalWithTenableText() {
        tenable.stubFor(latestStatus().willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
        assertThatThrownBy(() -> scanner.status("42")).isInstanceOf(ScannerUnavailableException.class).hasMessageContaining("HTTP 503");

        tenable.stubFor(latestStatus().willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"The requested file was not found\"}")));
        assertThatThrownBy(() -> scanner.status("42")).isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("HTTP 404, The requested file was not found");
    }

    @Test
    void malformedJsonIsTerminalAndNamesTheEndpoint() {
        json(latestStatus(), "{\"status\": \"runn");

        assertThatThrownBy(() -> scanner.status("42")).isInstanceOf(ScannerResponseException.class).isInstanceOf(TerminalException.class)
                .hasMessageContaining("Tenable GET /scans/{scan_id}/latest-status answered malformed JSON");
    }

    @Test
    void malformedNessusXmlIsTerminal() {
        stubExport("ready");
        tenable.stubFor(get(urlPathEqualTo("/scans/42/export/" + FILE + "/download"))
                .willReturn(aResponse().withBody("<NessusClientData_v2><Report>")));

        assertThatThrownBy(() -> scanner.results("42")).isInstanceOf(ScannerResponseException.class)
                .hasMessageContaining("/download answered malformed XML");
    }

    @Test
    void missingSettingsAreNamedByTheirEnvironmentVariableWhenUsedAndNothingIsSent() {
        assertThatThrownBy(() -> scanner(settings("gilder-vpc-scanner", null, List.of())).status("42"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GILDER_SCANNER_TENABLE_CREDENTIALS_SECRET_ARN");
        assertThatThrownBy(() -> scanner(settings(null, SECRET, List.of())).start(TARGET))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GILDER_SCANNER_TENABLE_SCANNER_NAME");
        assertThatThrownBy(() -> scanner.status("42/../../scanners")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tenable.getAllServeEvents()).isEmpty();
    }

    static final ScanTitle OWNER = new ScanTitle("build-42", false);
    static final java.time.Instant SINCE = java.time.Instant.parse("2026-12-04T10:00:00Z");

    static String listed(long id, String name, String status) {
        return "{\"id\": " + id + ", \"uuid\": \"template-" + id + "\", \"name\": \"" + name + "\", \"status\": \"" + status
                + "\", \"enabled\": false, \"last_modification_date\": 1796378400}";
    }

    static String title(ScanTitle owner, String instance) {
        return (owner.rescan() ? "Gilder rescan " : "Gilder ") + "WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (" + instance + ", execution "
                + owner.execution() + ")";
    }

    static void stubList(String... scans) {
        json(get(urlPathEqualTo("/scans")).withQueryParam("last_modification_date", equalTo(String.valueOf(SINCE.getEpochSecond()))),
                "{\"folders\": [], \"scans\": [" + String.join(",", scans) + "], \"timestamp\": 1796378500}");
    }

    @Test
    void discardStopsTheExecutionsActiveScanAndDeletesItsScansButNoOtherExecutionsOrKinds() {
        stubList(listed(42, title(OWNER, "i-1"), "running"), listed(43, title(OWNER, "i-2"), "completed"),
                listed(44, title(new ScanTitle("build-420", false), "i-3"), "running"),
                listed(45, title(new ScanTitle("build-42", true), "i-4"), "running"), listed(46, "Office - Network Scan", "empty"));
        tenable.stubFor(post(urlPathEqualTo("/scans/42/stop")).willReturn(aResponse().withStatus(200).withBody("{}")));
        tenable.stubFor(delete(urlPathMatching("/scans/4[23]")).willReturn(aResponse().withStatus(200)));

        assertThat(scanner.discard(OWNER, SINCE)).containsExactly("42", "43");

        tenable.verify(postRequestedFor(urlPathEqualTo("/scans/42/stop")));
        tenable.verify(0, postRequestedFor(urlPathEqualTo("/scans/43/stop")));
        tenable.verify(deleteRequestedFor(urlPathEqualTo("/scans/42")));
        tenable.verify(deleteRequestedFor(urlPathEqualTo("/scans/43")));
        for (String other : List.of("44", "45", "46")) {
            tenable.verify(0, deleteRequestedFor(urlPathEqualTo("/scans/" + other)));
            tenable.verify(0, postRequestedFor(urlPathEqualTo("/scans/" + other + "/stop")));
        }
    }

    @Test
    void aScanTenableWillNotDeleteWhileStoppingIsBusyNamingItAfterTheOthersWereDeleted() {
        stubList(listed(47, title(OWNER, "i-1"), "stopping"), listed(43, title(OWNER, "i-2"), "canceled"));
        tenable.stubFor(delete(urlPathEqualTo("/scans/47")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Scan is running\"}")));
        tenable.stubFor(delete(urlPathEqualTo("/scans/43")).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> scanner.discard(OWNER, SINCE)).isInstanceOf(ScannerBusyException.class)
                .hasMessageContaining("47").hasMessageContaining("stopping").hasMessageContaining("deleted: [43]");
        tenable.verify(0, postRequestedFor(urlPathEqualTo("/scans/47/stop")));
        tenable.verify(deleteRequestedFor(urlPathEqualTo("/scans/43")));
    }

    @Test
    void aScanAlreadyGoneIsNoErrorAndARefusalOfAnEndedScanIsOne() {
        stubList(listed(48, title(OWNER, "i-1"), "completed"));
        tenable.stubFor(delete(urlPathEqualTo("/scans/48")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"Scan not found\"}")));
        assertThat(scanner.discard(OWNER, SINCE)).isEmpty();

        tenable.stubFor(delete(urlPathEqualTo("/scans/48")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"You do not have permission\"}")));
        assertThatThrownBy(() -> scanner.discard(OWNER, SINCE)).isInstanceOf(io.gilder.error.ScannerRejectedException.class)
                .hasMessageContaining("DELETE /scans/{scan_id}").hasMessageContaining("403");
    }

    @Test
    void noScanAtAllIsNothingToDiscard() {
        json(get(urlPathEqualTo("/scans")), "{\"folders\": [], \"scans\": null, \"timestamp\": 1796378500}");

        assertThat(scanner.discard(OWNER, SINCE)).isEmpty();
    }
}
