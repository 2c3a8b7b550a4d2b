package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS Config's side of a custom rule: the events Config sends the rule's function, and
 * {@code PutEvaluations}, answered over real HTTP by WireMock in Config's JSON protocol. moto takes
 * {@code PutEvaluations} only with {@code TestMode} (which a deployed rule never sends), so while this
 * fake is open the {@link Gateway} sends every {@code config:PutEvaluations} here. Every request stays in
 * WireMock's journal, so callers can read exactly what the function reported.
 */
public final class ConfigFake implements AutoCloseable {

    static final String OPERATION = "config:PutEvaluations";
    private static final String TARGET = "StarlingDoveService.PutEvaluations";
    private static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String SCENARIO = "config-throttling";

    /** A request that reached the fake and how it was answered. */
    public record Call(int status, JsonNode body) {}

    private final WireMockServer wiremock;
    private final Gateway gateway;
    private final StubMapping taken;
    private final List<StubMapping> throttles = new ArrayList<>();

    /** @param wiremock the stack's WireMock server; {@code gateway} the stack's endpoint, which routes the calls here */
    public ConfigFake(WireMockServer wiremock, Gateway gateway) {
        this.wiremock = wiremock;
        this.gateway = gateway;
        this.taken = wiremock.stubFor(putEvaluations().atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_TYPE).withBody("{\"FailedEvaluations\":[]}")));
        gateway.answerElsewhere(OPERATION, URI.create(wiremock.baseUrl()));
    }

    /** The next {@code n} calls are refused with HTTP 400 {@code ThrottlingException}; later ones are taken again. */
    public void throttleNext(int n) {
        throttles.forEach(wiremock::removeStub);
        throttles.clear();
        for (int i = 0; i < n; i++) {
            throttles.add(wiremock.stubFor(putEvaluations().atPriority(1).inScenario(SCENARIO)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "throttled-" + i).willSetStateTo("throttled-" + (i + 1))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_TYPE)
                            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))));
        }
        if (n > 0) {
            wiremock.setScenarioState(SCENARIO, Scenario.STARTED);
        }
    }

    /** Every {@code PutEvaluations} request since the last {@link #reset()}, oldest first. */
    public List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (ServeEvent event : wiremock.getAllServeEvents()) {
            if (TARGET.equals(event.getRequest().getHeader("X-Amz-Target"))) {
                calls.add(0, new Call(event.getResponse().getStatus(), Json.read(event.getRequest().getBodyAsString())));
            }
        }
        return calls;
    }

    /** The evaluations Config took (calls answered 200), in order. */
    public List<JsonNode> evaluations() {
        List<JsonNode> taken = new ArrayList<>();
        calls().stream().filter(c -> c.status() == 200).forEach(c -> c.body().get("Evaluations").forEach(taken::add));
        return taken;
    }

    /** Forgets the request journal (of the whole WireMock server) and any planned throttling. */
    public void reset() {
        wiremock.resetRequests();
        throttleNext(0);
    }

    @Override
    public void close() {
        gateway.answerByMoto(OPERATION);
        throttleNext(0);
        wiremock.removeStub(taken);
    }

    private static MappingBuilder putEvaluations() {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    // ------------------------------------------------------------------ the events Config sends

    /** A ConfigurationItemChangeNotification for an EC2 instance with its configuration. */
    public static byte[] changeEvent(String account, String instanceId, String imageId, String state, Instant captured, String token) {
        ObjectNode item = Json.MAPPER.createObjectNode().put("configurationItemCaptureTime", captured.toString())
                .put("awsAccountId", account).put("configurationItemStatus", "OK").put("resourceId", instanceId)
                .put("resourceType", "AWS::EC2::Instance").put("awsRegion", LocalNames.REGION);
        item.putObject("configuration").put("instanceId", instanceId).put("imageId", imageId).putObject("state").put("name", state);
        ObjectNode invoking = Json.MAPPER.createObjectNode().put("messageType", "ConfigurationItemChangeNotification")
                .put("notificationCreationTime", captured.toString()).put("recordVersion", "1.3");
        invoking.set("configurationItem", item);
        return event(account, invoking, token);
    }

    /** An OversizedConfigurationItemChangeNotification: only a summary of the instance's item. */
    public static byte[] oversizedEvent(String account, String instanceId, Instant captured, String token) {
        ObjectNode invoking = Json.MAPPER.createObjectNode().put("messageType", "OversizedConfigurationItemChangeNotification")
                .put("notificationCreationTime", captured.toString()).put("recordVersion", "1.0");
        invoking.putObject("configurationItemSummary").put("changeType", "UPDATE").put("configurationItemCaptureTime", captured.toString())
                .put("awsAccountId", account).put("configurationItemStatus", "OK").put("resourceType", "AWS::EC2::Instance")
                .put("resourceId", instanceId).put("awsRegion", LocalNames.REGION);
        return event(account, invoking, token);
    }

    /** A ScheduledNotification: the periodic trigger. */
    public static byte[] scheduledEvent(String account, Instant at, String token) {
        return event(account, Json.MAPPER.createObjectNode().put("awsAccountId", account).put("notificationCreationTime", at.toString())
                .put("messageType", "ScheduledNotification").put("recordVersion", "1.0"), token);
    }

    private static byte[] event(String account, ObjectNode invokingEvent, String token) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("version", "1.0").put("invokingEvent", Json.write(invokingEvent))
                .put("ruleParameters", "{}").put("resultToken", token).put("eventLeftScope", false)
                .put("executionRoleArn", "arn:aws:iam::" + account + ":role/config-role")
                .put("configRuleArn", "arn:aws:config:" + LocalNames.REGION + ":" + account + ":config-rule/config-rule-local")
                .put("configRuleName", "gilder-local-golden-ami-instances").put("configRuleId", "config-rule-local").put("accountId", account);
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }
}
