package io.gilder.scanner.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.gilder.aws.AwsClients;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.error.AwsCallFailedException;
import io.gilder.error.AwsTransientException;
import io.gilder.error.ScannerBusyException;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.error.TerminalException;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanCoverage;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.testing.TestResources;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Inspector adapter with the real SDK client, configured as in production (same client factory, the
 * SDK's standard retries, the raw-response interceptor), over real HTTP against WireMock answering in the
 * inspector2 REST-JSON protocol: {@code POST /status/batch/get}, {@code /coverage/list} and
 * {@code /findings/list} with JSON bodies (timestamps in epoch seconds) and errors as an HTTP status, an
 * {@code x-amzn-ErrorType} header and a {@code {"message"}} body.
 *
 * <p>Why faked, not emulated: moto 5.2 has no {@code ListCoverage}, and its {@code ListFindings} ignores
 * filters and paging (it answers from a queue seeded through its own API), so neither the instance filter
 * nor pagination could be tested against it. {@code BatchGetAccountStatus} is emulated by moto (state set
 * by {@code Enable}/{@code Disable}); {@code InspectorFakeTest} runs the enabled/disabled check there too.
 */
class InspectorScannerTest {

    static final String ACCOUNT = "111122223333";
    static final String INSTANCE = "i-0fedcba9876543210";
    static final ScanTarget TARGET = new ScanTarget(INSTANCE, "10.0.1.23", "Gilder WebServer-1.2 ami-0abc");
    static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer aws;
    RegionalAwsClients clients;
    Inspector2Client client;
    final AtomicInteger accountLookups = new AtomicInteger();
    InspectorScanner scanner;

    @BeforeAll
    static void startAws() {
        aws = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        aws.start();
    }

    @AfterAll
    static void stopAws() {
        aws.stop();
    }

    @BeforeEach
    void setUp() {
        aws.resetAll();
        clients = new RegionalAwsClients(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")),
                Optional.of(URI.create(aws.baseUrl())), "us-east-1");
        client = clients.homeRegionClient(AwsClients.inspectorBuilder());
        scanner = new InspectorScanner(() -> client, () -> {
            accountLookups.incrementAndGet();
            return ACCOUNT;
        }, "us-east-1");
    }

    @AfterEach
    void tearDown() {
        client.close();
        clients.close();
    }

    static String sample(String name) {
        return TestResources.text("inspector/" + name);
    }

    static void answer(MappingBuilder request, String body) {
        aws.stubFor(request.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    static MappingBuilder accountStatus() {
        return post(urlPathEqualTo("/status/batch/get"));
    }

    static MappingBuilder coverage() {
        return post(urlPathEqualTo("/coverage/list"));
    }

    static MappingBuilder findings() {
        return post(urlPathEqualTo("/findings/list"));
    }

    static String ec2Status(String status) {
        return sample("account-status-enabled.json").replace("\"ec2\": {\"status\": \"ENABLED\"}", "\"ec2\": {\"status\": \"" + status + "\"}");
    }

    static String coverageWith(String statusCode, String reason, boolean scanned) {
        String body = sample("coverage-scanned.json").replace("\"statusCode\": \"ACTIVE\", \"reason\": \"SUCCESSFUL\"",
                "\"statusCode\": \"" + statusCode + "\", \"reason\": \"" + reason + "\"");
        return scanned ? body : body.replaceAll(",\\s*\"lastScannedAt\": [0-9.]+", "");
    }

    @Test
    void startChecksThatInspectorScansEc2InThisAccountAndFollowsTheInstance() {
        answer(accountStatus(), sample("account-status-enabled.json"));

        assertThat(scanner.start(TARGET)).isEqualTo(INSTANCE);
        assertThat(scanner.start(TARGET)).isEqualTo(INSTANCE);

        aws.verify(2, postRequestedFor(urlPathEqualTo("/status/batch/get"))
                .withRequestBody(equalToJson("{\"accountIds\": [\"" + ACCOUNT + "\"]}")));
        assertThat(accountLookups).as("the account is looked up once").hasValue(1);
    }

    @Test
    void disabledOrSuspendedEc2ScanningIsRefusedSayingWhatToEnable() {
        for (String status : List.of("DISABLED", "SUSPENDED", "DISABLING")) {
            answer(accountStatus(), ec2Status(status));
            assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerRejectedException.class)
                    .isInstanceOf(TerminalException.class).hasMessageContaining("EC2 scanning: " + status)
                    .hasMessageContaining("aws inspector2 enable --resource-types EC2 --account-ids " + ACCOUNT + " --region us-east-1");
        }
    }

    @Test
    void scanningThatIsStillBeingEnabledIsRetryable() {
        answer(accountStatus(), ec2Status("ENABLING"));

        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerBusyException.class).hasMessageContaining("still enabling");
    }

    @Test
    void anAccountInspectorCannotReadIsRefusedWithInspectorsCode() {
        answer(accountStatus(), "{\"accounts\": [], \"failedAccounts\": [{\"accountId\": \"" + ACCOUNT + "\", \"errorCode\": "
                + "\"ACCESS_DENIED\", \"errorMessage\": \"Not authorized to read the status of this account\"}]}");

        assertThatThrownBy(() -> scanner.start(TARGET)).isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("ACCESS_DENIED: Not authorized to read the status of this account");
    }

    @Test
    void statusWaitsUntilTheInstanceIsCoveredAndScanned() {
        String scenario = "coverage";
        String[] answers = {"{\"coveredResources\": []}", coverageWith("INACTIVE", "UNMANAGED_EC2_INSTANCE", false),
                coverageWith("ACTIVE", "PENDING_INITIAL_SCAN", false), sample("coverage-scanned.json")};
        for (int i = 0; i < answers.length; i++) {
            aws.stubFor(coverage().inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "check " + i)
                    .willSetStateTo("check " + (i + 1))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(answers[i])));
        }

        assertThat(scanner.status(INSTANCE)).isEqualTo(new ScanProgress(ScanStatus.QUEUED, "not covered yet"));
        assertThat(scanner.status(INSTANCE)).isEqualTo(new ScanProgress(ScanStatus.QUEUED, "INACTIVE (UNMANAGED_EC2_INSTANCE)"));
        assertThat(scanner.status(INSTANCE)).isEqualTo(new ScanProgress(ScanStatus.RUNNING, "ACTIVE (PENDING_INITIAL_SCAN)"));
        ScanProgress scanned = scanner.status(INSTANCE);
        assertThat(scanned.status()).isEqualTo(ScanStatus.FINISHED);
        assertThat(scanned.scannerState()).isEqualTo("ACTIVE (SUCCESSFUL), last scanned 2025-03-04T10:21:40.500Z");
        aws.verify(4, postRequestedFor(urlPathEqualTo("/coverage/list")).withRequestBody(equalToJson("""
                {"filterCriteria": {"resourceId": [{"comparison": "EQUALS", "value": "%s"}],
                 "resourceType": [{"comparison": "EQUALS", "value": "AWS_EC2_INSTANCE"}],
                 "scanType": [{"comparison": "EQUALS", "value": "PACKAGE"}]}, "maxResults": 100}""".formatted(INSTANCE))));
    }

    @Test
    void coverageThatWillNeverBeScannedEndsTheScanAsNotScannedWithInspectorsReason() {
        for (String reason : List.of("UNSUPPORTED_OS", "EXCLUDED_BY_TAG", "EC2_INSTANCE_STOPPED", "RESOURCE_TERMINATED",
                "SCAN_ELIGIBILITY_EXPIRED", "ACCESS_DENIED", "INTERNAL_ERROR", "A_REASON_NO_SDK_KNOWS")) {
            answer(coverage(), coverageWith("INACTIVE", reason, false));
            ScanProgress progress = scanner.status(INSTANCE);
            assertThat(progress.status()).as(reason).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(progress.scannerState()).isEqualTo("INACTIVE (" + reason + ")");
        }
    }

    @Test
    void resultsReadEveryPageOfTheInstancesActiveFindingsKeepThemRawAndNormalize() throws IOException {
        aws.stubFor(findings().withRequestBody(matchingJsonPath("$.nextToken", absent()))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(sample("findings-page-1.json"))));
        aws.stubFor(findings().withRequestBody(matchingJsonPath("$.nextToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo("eyJwYWdlIjoyfQ==")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(sample("findings-page-2.json"))));

        answer(coverage(), sample("coverage-scanned.json"));

        ScanResults results = scanner.results(INSTANCE);

        assertThat(results.coverage().hosts()).containsExactly(new ScanCoverage.Host(INSTANCE, true,
                "coverage ACTIVE (SUCCESSFUL), last scanned 2025-03-04T10:21:40.500Z"));
        String arn = "arn:aws:inspector2:us-east-1:" + ACCOUNT + ":finding/";
        assertThat(results.findings()).containsExactly(
                new Finding(arn + "0a1b2c3d4e5f60718293a4b5c6d7e8f9", 4, "CVE-2024-0727 - openssl-libs", List.of("CVE-2024-0727"), null, null),
                new Finding(arn + "1b2c3d4e5f60718293a4b5c6d7e8f90a", 3, "Port 22 is reachable from a Peered VPC - TCP", List.of(), 22, "tcp"),
                new Finding(arn + "2c3d4e5f60718293a4b5c6d7e8f90a1b", 2, "GHSA-9wv6-86v2-598j - path-to-regexp", List.of(), null, null),
                new Finding(arn + "3d4e5f60718293a4b5c6d7e8f90a1b2c", 5, "CVE-2024-6387 - openssh-server", List.of("CVE-2024-6387"), null, null),
                new Finding(arn + "4e5f60718293a4b5c6d7e8f90a1b2c3d", 4, "CVE-2025-0001 - libexample", List.of("CVE-2025-0001"), null, null),
                new Finding(arn + "5f60718293a4b5c6d7e8f90a1b2c3d4e", 1, "CVE-2023-9999 - tzdata", List.of("CVE-2023-9999"), null, null));
        assertThat(results.contentType()).isEqualTo("application/json");
        JsonNode raw = JSON.readTree(results.raw());
        assertThat(raw.get("findingPages")).hasSize(2);
        assertThat(raw.get("findingPages").get(0)).isEqualTo(JSON.readTree(sample("findings-page-1.json")));
        assertThat(raw.get("findingPages").get(1)).isEqualTo(JSON.readTree(sample("findings-page-2.json")));
        aws.verify(2, postRequestedFor(urlPathEqualTo("/findings/list")).withRequestBody(equalToJson("""
                {"filterCriteria": {"resourceId": [{"comparison": "EQUALS", "value": "%s"}],
                 "findingStatus": [{"comparison": "EQUALS", "value": "ACTIVE"}]}, "maxResults": 100}""".formatted(INSTANCE), true, true)));
    }

    @Test
    void findingsOfAnInstanceWhoseCoverageIsNoLongerScannedOrGoneProveNothing() {
        answer(findings(), "{\"findings\": []}");
        answer(coverage(), coverageWith("INACTIVE", "EXCLUDED_BY_TAG", true));
        ScanCoverage.Host excluded = scanner.results(INSTANCE).coverage().hosts().get(0);
        assertThat(excluded.complete()).isFalse();
        assertThat(excluded.detail()).startsWith("coverage INACTIVE (EXCLUDED_BY_TAG)");

        answer(coverage(), "{\"coveredResources\": []}");
        ScanCoverage gone = scanner.results(INSTANCE).coverage();
        assertThat(gone.hosts()).isEmpty();
        assertThat(gone.reported()).isEqualTo("Inspector ListCoverage does not cover instance " + INSTANCE);
    }

    @Test
    void aSeverityInspectorDoesNotDocumentIsAnUnreadableAnswer() {
        answer(findings(), sample("findings-page-2.json").replace("\"CRITICAL\", \"inspectorScore\"", "\"SEVERE\", \"inspectorScore\""));

        assertThatThrownBy(() -> scanner.results(INSTANCE)).isInstanceOf(ScannerResponseException.class)
                .hasMessageContaining("'SEVERE'").hasMessageContaining("3d4e5f60718293a4b5c6d7e8f90a1b2c");
    }

    @Test
    void accessDeniedIsTerminalAndThrottlingRetryableBothNamingTheOperation() {
        aws.stubFor(findings().willReturn(aResponse().withStatus(403).withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"User is not authorized to perform: inspector2:ListFindings\"}")));
        assertThatThrownBy(() -> scanner.results(INSTANCE)).isInstanceOf(AwsCallFailedException.class)
                .hasMessageContaining("Inspector ListFindings failed with AccessDeniedException")
                .hasMessageContaining("inspector2:ListFindings");

        aws.stubFor(coverage().willReturn(aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "ThrottlingException")
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Rate exceeded\"}")));
        assertThatThrownBy(() -> scanner.status(INSTANCE)).isInstanceOf(AwsTransientException.class)
                .hasMessageContaining("Inspector ListCoverage failed with ThrottlingException");
        aws.verify(3, postRequestedFor(urlPathEqualTo("/coverage/list")));
    }

    @Test
    void aScanReferenceThatIsNotAnInstanceIdIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> scanner.status("scan/1741083304.41985")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scanner.start(new ScanTarget(null, "10.0.1.23", "t"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(aws.getAllServeEvents()).isEmpty();
    }
}
