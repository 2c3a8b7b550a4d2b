package io.gilder.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.gilder.compliance.ComplianceType;
import io.gilder.compliance.InstanceEvaluation;
import io.gilder.error.AwsCallFailedException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * {@code PutEvaluations} over real HTTP: the SDK client, built as the function builds it, talks to
 * WireMock answering in Config's JSON protocol ({@code X-Amz-Target: StarlingDoveService.PutEvaluations},
 * errors as {@code __type}). The emulator cannot stand in: moto takes {@code PutEvaluations} only in test mode.
 */
class ConfigEvaluationSinkTest {

    static final String TARGET = "StarlingDoveService.PutEvaluations";
    static final String JSON_TYPE = "application/x-amz-json-1.1";
    static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static WireMockServer server;
    static RegionalAwsClients clients;
    static ConfigClient client;
    ConfigEvaluationSink sink;

    /** The client as AwsClients.config() builds it, pointed at WireMock. */
    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        clients = new RegionalAwsClients(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), Optional.of(URI.create(server.baseUrl())), "us-east-1");
        client = clients.homeRegionClient(ConfigClient.builder(), ConfigEvaluationSink.retryStrategy());
    }

    @AfterAll
    static void stop() {
        client.close();
        clients.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        sink = new ConfigEvaluationSink(client);
    }

    static List<InstanceEvaluation> evaluations(int n) {
        return IntStream.range(0, n).mapToObj(i -> new InstanceEvaluation("i-" + i, ComplianceType.NON_COMPLIANT,
                "image ami-0" + i + " is not an active golden AMI (2 active)", AT)).toList();
    }

    static List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)));
    }

    @Test
    void aBatchGoesOutWithTheResultTokenAndEveryFieldConfigRequires() throws Exception {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_TYPE)
                .withBody("{\"FailedEvaluations\":[]}")));

        assertThat(sink.put("token-1", evaluations(100))).isZero();

        JsonNode body = JSON.readTree(requests().get(0).getBodyAsString());
        assertThat(body.get("ResultToken").asText()).isEqualTo("token-1");
        assertThat(body.get("Evaluations")).hasSize(100);
        JsonNode first = body.get("Evaluations").get(0);
        assertThat(first.get("ComplianceResourceType").asText()).isEqualTo("AWS::EC2::Instance");
        assertThat(first.get("ComplianceResourceId").asText()).isEqualTo("i-0");
        assertThat(first.get("ComplianceType").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(first.get("Annotation").asText()).isEqualTo("image ami-00 is not an active golden AMI (2 active)");
        assertThat(first.get("OrderingTimestamp").asDouble()).isEqualTo(AT.getEpochSecond());
        assertThat(body.has("TestMode")).isFalse();
    }

    @Test
    void aThrottledCallIsRetriedWithTheSameBatchUntilConfigTakesIt() {
        server.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_TYPE)
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("second"));
        server.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_TYPE)
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
                .willSetStateTo("open"));
        server.stubFor(post(urlEqualTo("/")).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_TYPE).withBody(
                        "{\"FailedEvaluations\":[{\"ComplianceResourceType\":\"AWS::EC2::Instance\",\"ComplianceResourceId\":\"i-1\","
                                + "\"ComplianceType\":\"NON_COMPLIANT\",\"OrderingTimestamp\":1746093600}]}")));

        assertThat(sink.put("token-1", evaluations(3))).as("what Config refused").isEqualTo(1);

        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(requests.get(0).getBodyAsString());
    }

    @Test
    void aRefusalIsNotRetriedAndNamesTheCall() {
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_TYPE)
                .withBody("{\"__type\":\"InvalidResultTokenException\",\"message\":\"The resultToken provided is invalid\"}")));

        assertThatThrownBy(() -> sink.put("stale", evaluations(1))).isInstanceOf(AwsCallFailedException.class)
                .hasMessageContaining("config:PutEvaluations failed with InvalidResultTokenException");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void moreThanConfigsLimitInOneCallIsAProgrammingError() {
        assertThatThrownBy(() -> sink.put("token-1", evaluations(101))).isInstanceOf(IllegalArgumentException.class);
        assertThat(requests()).isEmpty();
    }
}
