package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.inspector2.model.ResourceScanType;
import software.amazon.awssdk.services.inspector2.model.StringComparison;

/**
 * Plays Amazon Inspector (v2) for the local stack, the demo and tests, using moto where moto has the
 * operation and WireMock where it does not:
 * <ul>
 *   <li>{@code Enable}/{@code Disable} and {@code BatchGetAccountStatus}: moto (emulated: the account's EC2
 *       scanning is enabled, or disabled on request);</li>
 *   <li>{@code ListFindings}: moto, which answers from a queue seeded through its own API and ignores the
 *       filter and paging; the fake queues one answer per {@link #register} (the findings' resource ids are
 *       the fake's, whatever instance is asked about);</li>
 *   <li>{@code ListCoverage}: moto lacks it, so the {@link Gateway} sends it to WireMock, which covers the
 *       instance asked about: not covered, then inactive (agent not yet managed), then pending its first
 *       scan, then scanned (or, on request, inactive with an unsupported OS).</li>
 * </ul>
 */
public final class InspectorFake {

    static final String LIST_COVERAGE = "inspector2:ListCoverage";
    private static final String SCENARIO = "inspector-coverage";
    private static final String METADATA_KEY = "gilderInspectorFake";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** How the instance's coverage ends. */
    public enum Ending {
        SCANNED("ACTIVE", "SUCCESSFUL"), UNSUPPORTED_OS("INACTIVE", "UNSUPPORTED_OS");

        final String statusCode;
        final String reason;

        Ending(String statusCode, String reason) {
            this.statusCode = statusCode;
            this.reason = reason;
        }
    }

    /**
     * @param ending          the coverage's last state
     * @param criticalFinding the findings also hold a CRITICAL one (Gilder severity 5), so a default policy blocks
     * @param ec2Scanning     whether Inspector scans EC2 instances in the account (false: disabled, as in a fresh account)
     */
    public record Options(Ending ending, boolean criticalFinding, boolean ec2Scanning) {

        public static Options defaults() {
            return new Options(Ending.SCANNED, false, true);
        }

        public Options endingWith(Ending ending) {
            return new Options(ending, criticalFinding, ec2Scanning);
        }

        public Options withCriticalFinding() {
            return new Options(ending, true, ec2Scanning);
        }

        public Options withEc2ScanningDisabled() {
            return new Options(ending, criticalFinding, false);
        }
    }

    private InspectorFake() {}

    /**
     * Sets Inspector's account state in moto, queues the findings (dropping answers earlier registrations
     * queued that no build read), stubs the coverage story afresh and routes {@code ListCoverage} to it.
     *
     * @param inspector a pipeline-account client through the stack's {@code gateway}; {@code wiremock} the stack's
     */
    public static InspectorFake register(Inspector2Client inspector, WireMockServer wiremock, Gateway gateway, Options options) {
        if (options.ec2Scanning()) {
            inspector.enable(r -> r.accountIds(LocalNames.ACCOUNT).resourceTypes(ResourceScanType.EC2));
        } else {
            inspector.disable(r -> r.accountIds(LocalNames.ACCOUNT).resourceTypes(ResourceScanType.EC2));
        }
        dropQueuedFindings(inspector);
        queueFindings(gateway.uri(), options.criticalFinding());
        stubCoverage(wiremock, options.ending());
        gateway.answerElsewhere(LIST_COVERAGE, URI.create(wiremock.baseUrl()));
        return new InspectorFake();
    }

    /** Every queued answer holds findings, so an empty answer to a never-seen filter means the queue is empty. */
    private static void dropQueuedFindings(Inspector2Client inspector) {
        boolean dropped;
        do {
            String unseen = "i-drain-" + UUID.randomUUID();
            dropped = !inspector.listFindings(r -> r.filterCriteria(f -> f.resourceId(s -> s.comparison(StringComparison.EQUALS)
                    .value(unseen)))).findings().isEmpty();
        } while (dropped);
    }

    private static void queueFindings(URI endpoint, boolean critical) {
        ArrayNode findings = (ArrayNode) resource("findings.json");
        if (critical) {
            findings.addAll((ArrayNode) resource("finding-critical.json"));
        }
        ObjectNode seed = Json.MAPPER.createObjectNode().put("account_id", LocalNames.ACCOUNT).put("region", LocalNames.REGION);
        seed.putArray("results").add(findings);
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/static/inspector2/findings-results"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(seed))).build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300) {
                throw new IllegalStateException("moto refused the Inspector findings: " + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void stubCoverage(WireMockServer server, Ending ending) {
        TaggedStubs stubs = new TaggedStubs(server, "inspector fake", METADATA_KEY);
        stubCoverage(stubs, Scenario.STARTED, "unmanaged", null);
        stubCoverage(stubs, "unmanaged", "pending", new String[] {"INACTIVE", "UNMANAGED_EC2_INSTANCE"});
        stubCoverage(stubs, "pending", "ended", new String[] {"ACTIVE", "PENDING_INITIAL_SCAN"});
        stubCoverage(stubs, "ended", null, new String[] {ending.statusCode, ending.reason});
        server.setScenarioState(SCENARIO, Scenario.STARTED);
    }

    /** One turn of the coverage story; {@code status} null: the instance is not covered yet. */
    private static void stubCoverage(TaggedStubs stubs, String state, String next, String[] status) {
        String resource = status == null ? "" : "{\"accountId\":\"" + LocalNames.ACCOUNT + "\","
                + "\"resourceId\":\"{{jsonPath request.body '$.filterCriteria.resourceId[0].value'}}\","
                + "\"resourceType\":\"AWS_EC2_INSTANCE\",\"scanType\":\"PACKAGE\",\"scanMode\":\"EC2_SSM_AGENT_BASED\","
                + "\"scanStatus\":{\"statusCode\":\"" + status[0] + "\",\"reason\":\"" + status[1] + "\"}"
                + ("SUCCESSFUL".equals(status[1]) ? ",\"lastScannedAt\":" + Instant.now().getEpochSecond() : "") + "}";
        ScenarioMappingBuilder list = post(urlPathEqualTo("/coverage/list")).inScenario(SCENARIO).whenScenarioStateIs(state);
        stubs.put("coverage " + state, (next == null ? list : list.willSetStateTo(next))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"coveredResources\":[" + resource + "]}").withTransformers("response-template")));
    }

    private static JsonNode resource(String name) {
        try {
            return Json.MAPPER.readTree(TaggedStubs.resource("inspector/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
