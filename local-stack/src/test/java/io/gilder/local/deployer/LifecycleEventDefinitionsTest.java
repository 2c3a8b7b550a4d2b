package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.LifecycleEvents;
import io.gilder.local.LocalAws;
import io.gilder.local.emulator.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle events the definitions put are the ones docs/events.md documents: {@code source: gilder}, a
 * {@code detail-type} with its schema, exactly the schema's fields, the default bus; no put can fail a workflow; the state
 * machines may put them on the default bus only. The clean-up failure counters feed CleanupFailedAlarm.
 */
class LifecycleEventDefinitionsTest {

    private final Path root = LocalAws.root();
    private final SamTemplate template = SamTemplate.read(root.resolve("template.yaml"));

    /** The one field of an event that the sweep of ended executions puts and no state machine does. */
    private static final Map<String, String> SWEEP_ONLY = Map.of("Golden AMI Build Failed", "ending");

    @Test
    void everyPutEventIsADocumentedGilderEventWithExactlyItsSchemasFields() throws IOException {
        Map<String, JsonNode> schemas = LifecycleEvents.schemasByDetailType();
        Set<String> emitted = new TreeSet<>();
        for (var machine : definitions().entrySet()) {
            for (var state : states(machine.getValue(), "arn:aws:states:::events:putEvents").entrySet()) {
                String where = machine.getKey() + " / " + state.getKey();
                assertThat(state.getKey()).as(where).startsWith("Announce ");
                JsonNode entries = state.getValue().at("/Parameters/Entries");
                assertThat(entries.size()).as(where).isEqualTo(1);
                JsonNode entry = entries.get(0);
                assertThat(entry.has("EventBusName")).as(where + ": the default bus of the pipeline account").isFalse();
                assertThat(entry.get("Source").asText()).as(where).isEqualTo("gilder");
                String detailType = entry.get("DetailType").asText();
                emitted.add(detailType);
                JsonNode schema = schemas.get(detailType);
                assertThat(schema).as(where + ": docs/events/ has no schema titled " + detailType).isNotNull();
                Set<String> fields = new TreeSet<>();
                entry.get("Detail").fieldNames().forEachRemaining(f -> fields.add(f.replaceFirst("\\.\\$$", "")));
                Set<String> documented = new TreeSet<>();
                schema.get("properties").fieldNames().forEachRemaining(documented::add);
                // "ending" is the sweep's, for a build that ended where no Catch runs (EventBridgeAnnouncer puts it).
                documented.remove(SWEEP_ONLY.getOrDefault(detailType, ""));
                assertThat(fields).as(where + ": detail fields vs " + detailType + "'s schema").isEqualTo(documented);
                assertThat(entry.at("/Detail/version").asText()).as(where).isEqualTo(schema.at("/properties/version/const").asText());
                assertThat(entry.at("/Detail/executionArn.$").asText()).as(where).isEqualTo("$$.Execution.Id");
                assertNeverFailsTheWorkflow(where, state.getValue());
            }
        }
        assertThat(emitted).as("every documented event is put somewhere").isEqualTo(schemas.keySet());
        String page = Files.readString(root.resolve("docs/events.md"));
        schemas.keySet().forEach(type -> assertThat(page).contains("`" + type + "`"));
    }

    @Test
    void everySchemaIsDraft2020AndItsExampleValidates() {
        LifecycleEvents.schemasByDetailType().forEach((type, schema) -> {
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("examples")).as(type).isNotEmpty();
            schema.get("examples").forEach(example -> assertThat(LifecycleEvents.problems(type, example)).as(type).isEmpty());
            JsonNode broken = example(schema).deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken).remove("executionArn");
            assertThat(LifecycleEvents.problems(type, broken)).as(type + ": a detail without executionArn").isNotEmpty();
        });
    }

    @Test
    void onlyTheStateMachinesThatPutEventsMayAndOnlyOnTheDefaultBus() throws IOException {
        Map<String, String> definitions = definitionTexts();
        for (var machine : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            List<Map<String, Object>> puts = statements(machine.getValue(), "events:PutEvents");
            boolean announces = definitions.get(machine.getKey()).contains("arn:aws:states:::events:putEvents");
            assertThat(puts).as(machine.getKey()).hasSize(announces ? 1 : 0);
            for (Map<String, Object> statement : puts) {
                assertThat(String.valueOf(statement.get("Action"))).isEqualTo("[events:PutEvents]");
                assertThat(String.valueOf(statement.get("Resource")))
                        .isEqualTo("[{Fn::Sub=arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default}]");
            }
        }
        // One function may, the sweep of ended executions: for the one event no state machine can put (a started build
        // that ended where no Catch runs), and only that event with Gilder's source.
        List<Map<String, Object>> sweep = statements(template.resources("AWS::Serverless::Function").get("SweepEndedExecutionFunction"),
                "events:PutEvents");
        assertThat(sweep).hasSize(1);
        assertThat(String.valueOf(sweep.get(0).get("Resource")))
                .isEqualTo("[{Fn::Sub=arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default}]");
        assertThat(String.valueOf(sweep.get(0).get("Condition")))
                .isEqualTo("{StringEquals={events:source=gilder, events:detail-type=Golden AMI Build Failed}}");
        for (String type : List.of("AWS::Serverless::Function", "AWS::IAM::Role")) {
            template.resources(type).forEach((id, body) -> assertThat(String.valueOf(body)).as(id)
                    .satisfiesAnyOf(text -> assertThat(id).isEqualTo("SweepEndedExecutionFunction"),
                            text -> assertThat(text).doesNotContain("events:PutEvents")));
        }
    }

    @Test
    void everyFailedCleanupIsCountedWhereCleanupFailedAlarmLooks() throws IOException {
        Map<String, Object> alarm = map(template.resources("AWS::CloudWatch::Alarm").get("CleanupFailedAlarm").get("Properties"));
        assertThat(String.valueOf(alarm.get("AlarmActions"))).isEqualTo("[{Ref=NotificationTopic}]");
        Set<String> watched = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (Object metric : list(alarm.get("Metrics"))) {
            Map<String, Object> m = map(metric);
            if (m.containsKey("Expression")) {
                assertThat(m.get("ReturnData")).isEqualTo(true);
                ids.forEach(id -> assertThat(String.valueOf(m.get("Expression"))).as("the sum covers " + id).contains("FILL(" + id + ", 0)"));
                continue;
            }
            ids.add(String.valueOf(m.get("Id")));
            Map<String, Object> stat = map(map(m.get("MetricStat")).get("Metric"));
            assertThat(stat.get("Namespace")).isEqualTo("Gilder");
            assertThat(stat.get("MetricName")).isEqualTo("CleanupsFailed");
            watched.add(String.valueOf(map(map(list(stat.get("Dimensions")).get(0)).get("Value")).get("Fn::Sub")));
        }
        Set<String> counting = new TreeSet<>();
        for (var machine : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            Map<String, Object> props = map(machine.getValue().get("Properties"));
            JsonNode definition = definitions().get(machine.getKey());
            var counters = states(definition, "arn:aws:states:::aws-sdk:cloudwatch:putMetricData");
            if (counters.isEmpty()) {
                assertThat(statements(machine.getValue(), "cloudwatch:PutMetricData")).as(machine.getKey()).isEmpty();
                continue;
            }
            counting.add(String.valueOf(map(props.get("Name")).get("Fn::Sub")));
            for (var counter : counters.entrySet()) {
                String where = machine.getKey() + " / " + counter.getKey();
                assertThat(counter.getValue().at("/Parameters/Namespace").asText()).as(where).isEqualTo("Gilder");
                assertThat(counter.getValue().at("/Parameters/MetricData/0/MetricName").asText()).as(where).isEqualTo("CleanupsFailed");
                assertThat(counter.getValue().at("/Parameters/MetricData/0/Dimensions/0/Name").asText()).isEqualTo("StateMachine");
                assertThat(counter.getValue().at("/Parameters/MetricData/0/Dimensions/0/Value.$").asText()).isEqualTo("$$.StateMachine.Name");
                assertNeverFailsTheWorkflow(where, counter.getValue());
                assertThat(reachedFromACatchOf(definition, counter.getKey())).as(where + " counts a failed clean-up")
                        .isNotEmpty().allMatch(s -> List.of("Discard Candidate", "Unlock Version After Failure", "Sweep Rescan Run",
                                "Sweep Failed Rescan Run", "Sweep Stale Rescan Instances").contains(s));
            }
            assertThat(String.valueOf(statements(machine.getValue(), "cloudwatch:PutMetricData")))
                    .contains("Resource=*").contains("cloudwatch:namespace=Gilder");
        }
        assertThat(watched).as("CleanupFailedAlarm watches every state machine that counts failed clean-ups").isEqualTo(counting);
        assertThat(counting).contains("${AWS::StackName}-build-golden-ami", "${AWS::StackName}-distribute-golden-ami",
                "${AWS::StackName}-decommission-golden-ami", "${AWS::StackName}-revoke-golden-ami", "${AWS::StackName}-rescan-golden-amis");
    }

    /** Retries, then a Catch of everything that goes where success goes: the put can never end or divert the workflow. */
    private static void assertNeverFailsTheWorkflow(String where, JsonNode state) {
        assertThat(state.at("/Retry/0/ErrorEquals").toString()).as(where).isEqualTo("[\"States.ALL\"]");
        assertThat(state.at("/Catch/0/ErrorEquals").toString()).as(where).isEqualTo("[\"States.ALL\"]");
        assertThat(state.at("/Catch/0/Next").asText()).as(where + ": a failed put goes on like a successful one")
                .isEqualTo(state.get("Next").asText());
        assertThat(state.at("/Catch/0/ResultPath").isNull()).as(where + ": and leaves the state as it was").isTrue();
        assertThat(state.get("ResultPath").isNull()).as(where).isTrue();
    }

    private static List<String> reachedFromACatchOf(JsonNode definition, String target) {
        List<String> from = new ArrayList<>();
        definition.get("States").fields().forEachRemaining(e -> e.getValue().path("Catch").forEach(c -> {
            if (c.get("Next").asText().equals(target)) {
                from.add(e.getKey());
            }
        }));
        return from;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> machine, String action) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object policy : list(map(machine.get("Properties")).get("Policies"))) {
            for (Object statement : list(map(policy).get("Statement"))) {
                if (String.valueOf(map(statement).get("Action")).contains(action)) {
                    found.add(map(statement));
                }
            }
        }
        return found;
    }

    /** Top-level states whose Resource is {@code resource}, by name. */
    private static Map<String, JsonNode> states(JsonNode definition, String resource) {
        Map<String, JsonNode> found = new TreeMap<>();
        definition.get("States").fields().forEachRemaining(e -> {
            if (resource.equals(e.getValue().path("Resource").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private Map<String, JsonNode> definitions() throws IOException {
        Map<String, JsonNode> parsed = new TreeMap<>();
        definitionTexts().forEach((id, text) -> parsed.put(id, Json.read(text.replaceAll("\\$\\{\\w+}", "1"))));
        return parsed;
    }

    private Map<String, String> definitionTexts() throws IOException {
        Map<String, String> texts = new TreeMap<>();
        for (var machine : template.resources("AWS::Serverless::StateMachine").entrySet()) {
            texts.put(machine.getKey(), Files.readString(root.resolve(String.valueOf(map(machine.getValue().get("Properties")).get("DefinitionUri")))));
        }
        return texts;
    }

    private static JsonNode example(JsonNode schema) {
        return schema.get("examples").get(0);
    }
}
