package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.local.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the template wires must exist on the other side: definitions, substitutions, handlers. */
class TemplateConsistencyTest {

    private final Path root = LocalAws.root();
    private final SamTemplate template = SamTemplate.read(root.resolve("template.yaml"));

    @Test
    void everyDefinitionUsesExactlyTheSubstitutionsItsStateMachineProvides() throws IOException {
        Map<String, Map<String, Object>> machines = template.resources("AWS::Serverless::StateMachine");
        assertThat(machines).isNotEmpty();
        for (var machine : machines.entrySet()) {
            Map<String, Object> props = map(machine.getValue().get("Properties"));
            String definition = Files.readString(root.resolve(String.valueOf(props.get("DefinitionUri"))));
            assertThat(Definitions.placeholders(definition))
                    .as("%s: ${...} in %s vs DefinitionSubstitutions", machine.getKey(), props.get("DefinitionUri"))
                    .isEqualTo(new TreeSet<>(map(props.get("DefinitionSubstitutions")).keySet()));
        }
    }

    @Test
    void everyStateMachineHasAnAlarmOnFailedAbortedAndTimedOutExecutionsThatReachesTheNoticesTopic() {
        Map<String, Map<String, Object>> alarms = template.resources("AWS::CloudWatch::Alarm");
        for (String machine : template.resources("AWS::Serverless::StateMachine").keySet()) {
            Set<String> watched = new TreeSet<>();
            for (var alarm : alarms.values()) {
                Map<String, Object> props = map(alarm.get("Properties"));
                if (!String.valueOf(props.get("AlarmActions")).equals("[{Ref=NotificationTopic}]")) {
                    continue;
                }
                for (Object metric : SamTemplate.list(props.get("Metrics"))) {
                    Map<String, Object> stat = map(map(metric).get("MetricStat"));
                    Map<String, Object> m = map(stat.get("Metric"));
                    if ("AWS/States".equals(m.get("Namespace")) && String.valueOf(m.get("Dimensions")).contains("{Ref=" + machine + "}")) {
                        watched.add(String.valueOf(m.get("MetricName")));
                    }
                }
            }
            assertThat(watched).as(machine).containsExactly("ExecutionsAborted", "ExecutionsFailed", "ExecutionsTimedOut");
        }
        Map<String, Object> key = map(template.resources("AWS::KMS::Key").get("AlarmTopicKey").get("Properties"));
        assertThat(String.valueOf(key.get("KeyPolicy"))).as("CloudWatch cannot publish to a topic under aws/sns")
                .contains("cloudwatch.amazonaws.com", "kms:GenerateDataKey*");
        assertThat(String.valueOf(map(template.resources("AWS::SNS::Topic").get("NotificationTopic").get("Properties")).get("KmsMasterKeyId")))
                .isEqualTo("{Ref=AlarmTopicKey}");
    }

    /**
     * SNS encrypts a message to a topic under a customer managed key with the publisher's own permissions: a role allowed
     * sns:Publish on the notices topic but not kms:GenerateDataKey and kms:Decrypt on its key is refused in AWS. moto's SNS
     * never uses the key, so the end-to-end tests cannot see it: this table-driven check of every role in the template does.
     */
    @Test
    void everyRoleThatMayPublishANoticeMayUseTheTopicsKey() {
        String topicKey = String.valueOf(map(template.resources("AWS::SNS::Topic").get("NotificationTopic").get("Properties"))
                .get("KmsMasterKeyId")).replaceAll("\\{Ref=(\\w+)}", "{Fn::GetAtt=[$1, Arn]}");
        Set<String> publishers = new TreeSet<>();
        for (String type : new String[] {"AWS::Serverless::Function", "AWS::Serverless::StateMachine"}) {
            for (var resource : template.resources(type).entrySet()) {
                java.util.List<Object> policies = values(map(resource.getValue().get("Properties")).get("Policies"));
                // Only inline statements are read here: a SAM policy template or managed policy naming the topic would escape.
                policies.stream().filter(p -> !(p instanceof Map<?, ?> m && m.containsKey("Statement")))
                        .forEach(p -> assertThat(String.valueOf(p)).as(resource.getKey() + ": a policy this check cannot read")
                                .doesNotContain("NotificationTopic").doesNotContain("sns:"));
                java.util.List<Map<String, Object>> statements = policies.stream().filter(Map.class::isInstance)
                        .flatMap(policy -> values(map(policy).get("Statement")).stream()).map(SamTemplate::map).toList();
                boolean publishes = statements.stream().anyMatch(st -> "Allow".equals(st.get("Effect"))
                        && values(st.get("Action")).stream().anyMatch(a -> "sns:Publish".equals(a) || "sns:*".equals(a))
                        && (String.valueOf(st.get("Resource")).contains("{Ref=NotificationTopic}") || values(st.get("Resource")).contains("*")));
                if (!publishes) {
                    continue;
                }
                publishers.add(resource.getKey());
                for (String action : new String[] {"kms:GenerateDataKey", "kms:Decrypt"}) {
                    assertThat(statements.stream().anyMatch(st -> "Allow".equals(st.get("Effect")) && values(st.get("Action")).contains(action)
                            && values(st.get("Resource")).stream().map(String::valueOf).anyMatch(topicKey::equals)))
                            .as(resource.getKey() + " may publish to NotificationTopic, so it needs " + action + " on " + topicKey).isTrue();
                }
            }
        }
        template.resources("AWS::IAM::Role").forEach((id, role) -> assertThat(String.valueOf(role))
                .as(id + ": a role of its own that publishes would need the key too; this check reads Serverless policies only")
                .doesNotContain("sns:"));
        assertThat(publishers).as("the roles that publish notices").contains("RegisterGoldenImageFunction", "DiscardCandidateFunction",
                "SweepEndedExecutionFunction", "BuildGoldenAmiStateMachine").hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void everyAlarmReachesTheNoticesTopicAndEveryDeadLetterQueueHasOne() {
        Map<String, Map<String, Object>> alarms = template.resources("AWS::CloudWatch::Alarm");
        alarms.forEach((id, alarm) -> assertThat(String.valueOf(map(alarm.get("Properties")).get("AlarmActions"))).as(id)
                .isEqualTo("[{Ref=NotificationTopic}]"));
        assertThat(alarms).containsKeys("CleanupFailedAlarm", "ApprovalApiServerErrorsAlarm");
        Map<String, Map<String, Object>> queues = template.resources("AWS::SQS::Queue");
        assertThat(queues).isNotEmpty();
        for (var queue : queues.entrySet()) {
            assertThat(String.valueOf(map(queue.getValue().get("Properties")).get("KmsMasterKeyId"))).as(queue.getKey())
                    .isEqualTo("{Ref=AlarmTopicKey}");
            Object redrive = map(queue.getValue().get("Properties")).get("RedrivePolicy");
            if (redrive != null) {
                // A working queue (SweepAgainQueue: its messages wait by design): what fails there goes on to a dead-letter
                // queue of the template, which has its alarm; a message nobody reads would expire unseen, so the age of the
                // oldest one has an alarm.
                assertThat(String.valueOf(map(redrive).get("deadLetterTargetArn"))).as(queue.getKey())
                        .matches("\\{Fn::GetAtt=\\[(" + String.join("|", queues.keySet()) + "), Arn\\]\\}");
                assertThat(alarms.values().stream().map(a -> map(a.get("Properties"))).filter(a -> "AWS/SQS".equals(a.get("Namespace"))
                        && "ApproximateAgeOfOldestMessage".equals(a.get("MetricName"))
                        && String.valueOf(a.get("Dimensions")).equals("[{Name=QueueName, Value={Fn::GetAtt=[" + queue.getKey() + ", QueueName]}}]")))
                        .as(queue.getKey() + " has an alarm on a message nobody reads").hasSize(1);
                continue;
            }
            assertThat(alarms.values().stream().map(a -> map(a.get("Properties"))).filter(a -> "AWS/SQS".equals(a.get("Namespace"))
                    && "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName"))
                    && String.valueOf(a.get("Dimensions")).equals("[{Name=QueueName, Value={Fn::GetAtt=[" + queue.getKey() + ", QueueName]}}]")
                    && Integer.valueOf(1).equals(a.get("Threshold")))).as(queue.getKey() + " has an alarm on a first message").hasSize(1);
        }
    }

    /** Whatever invokes Gilder asynchronously keeps what it could not deliver: EventBridge rules and schedules, AWS Config. */
    @Test
    void everyAsynchronousInvocationHasADeadLetterQueue() {
        int invokers = 0;
        for (String type : new String[] {"AWS::Serverless::Function", "AWS::Serverless::StateMachine"}) {
            for (var resource : template.resources(type).entrySet()) {
                for (var event : map(map(resource.getValue().get("Properties")).get("Events")).entrySet()) {
                    Map<String, Object> e = map(event.getValue());
                    if (Set.of("EventBridgeRule", "ScheduleV2", "Schedule").contains(String.valueOf(e.get("Type")))) {
                        invokers++;
                        String dlq = String.valueOf(map(map(e.get("Properties")).get("DeadLetterConfig")).get("Arn"));
                        assertThat(dlq).as(resource.getKey() + "." + event.getKey()).matches("\\{Fn::GetAtt=\\[\\w+DeadLetterQueue, Arn]}");
                        assertThat(template.resources("AWS::SQS::Queue")).containsKey(dlq.replaceAll(".*\\[(\\w+),.*", "$1"));
                    }
                }
            }
        }
        assertThat(invokers).as("the sweep's rule and the rescan schedule").isGreaterThanOrEqualTo(2);
        SamTemplate child = SamTemplate.read(root.resolve("child-account/template.yaml"));
        Map<String, Object> compliance = map(child.resources("AWS::Serverless::Function").get("EvaluateInstanceComplianceFunction").get("Properties"));
        Map<String, Object> dlq = map(compliance.get("DeadLetterQueue"));
        assertThat(dlq.get("Type")).isEqualTo("SQS");
        assertThat(String.valueOf(dlq.get("TargetArn"))).isEqualTo("{Fn::GetAtt=[EvaluateInstanceComplianceDeadLetterQueue, Arn]}");
        assertThat(String.valueOf(map(child.resources("AWS::SQS::Queue").get("EvaluateInstanceComplianceDeadLetterQueue").get("Properties"))
                .get("KmsMasterKeyId"))).isEqualTo("alias/aws/sqs");
    }

    @Test
    void everyShippedDefinitionBelongsToAStateMachine() throws IOException {
        Set<String> referenced = template.resources("AWS::Serverless::StateMachine").values().stream()
                .map(r -> String.valueOf(map(r.get("Properties")).get("DefinitionUri"))).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(root.resolve("statemachines"))) {
            // statemachines/fragments/ holds states spliced into definitions (tools/asl-fragments.cjs checks them), not definitions.
            assertThat(files.filter(Files::isRegularFile).map(f -> "statemachines/" + f.getFileName())).isNotEmpty().allMatch(referenced::contains);
        }
    }

    @Test
    void substitutionIsRefusedWhenTheTemplateLacksAPlaceholder() {
        assertThatThrownBy(() -> Definitions.substitute("{\"Resource\":\"${MissingFunctionArn}\"}", Map.of(), "Broken"))
                .hasMessageContaining("Broken uses [MissingFunctionArn]");
    }

    @Test
    void everyFunctionSelectsAHandlerThatExists() throws IOException {
        Map<String, String> handlers = new TreeMap<>();
        Pattern named = Pattern.compile("@Named\\(\"([a-z0-9-]+)\"\\)");
        try (Stream<Path> sources = Files.walk(root.resolve("functions/src/main/java/io/gilder"))) {
            for (Path source : sources.filter(Files::isRegularFile).toList()) {
                Matcher m = named.matcher(Files.readString(source));
                while (m.find()) {
                    handlers.put(m.group(1), source.getFileName().toString().replace(".java", ""));
                }
            }
        }
        for (SamTemplate each : new SamTemplate[] {template, SamTemplate.read(root.resolve("child-account/template.yaml"))}) {
            for (String function : each.resources("AWS::Serverless::Function").keySet()) {
                Map<String, Object> props = each.functionProperties(function);
                assertThat(props.get("Handler")).isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
                // Runtime follows FunctionRuntime: FunctionRuntimeTemplateTest.
                Object handler = map(map(props.get("Environment")).get("Variables")).get("QUARKUS_LAMBDA_HANDLER");
                assertThat(handlers).as(function + " QUARKUS_LAMBDA_HANDLER").containsKey(String.valueOf(handler));
                // <Verb><Noun>Function runs <Verb><Noun>Handler: searching for either name finds the other.
                assertThat(handlers.get(String.valueOf(handler))).as(function + "'s handler class")
                        .isEqualTo(function.replaceFirst("Function$", "Handler"));
            }
        }
    }

    /**
     * The second passes (the sweep's and Discard Scans') are each fed by a rule of their own through a delaying queue: the
     * rule must hear exactly the endings the function's first rule hears, and the delay must outlast any Gilder function's
     * timeout, so that a task still in flight at the ending has ended before the second pass looks.
     */
    @Test
    void eachSecondPassHearsExactlyItsFirstPassEndingsAfterEveryTaskInFlightEnded() {
        Map<String, Map<String, Object>> functions = template.resources("AWS::Serverless::Function");
        long longestTimeout = functions.keySet().stream()
                .mapToLong(f -> Long.parseLong(String.valueOf(template.functionProperties(f).getOrDefault("Timeout", 3)))).max().orElseThrow();
        Map<String, String> secondPasses = new TreeMap<>();
        for (var function : functions.entrySet()) {
            Map<String, Object> events = map(map(function.getValue().get("Properties")).get("Events"));
            Object first = events.values().stream().map(SamTemplate::map).filter(e -> "EventBridgeRule".equals(e.get("Type")))
                    .map(e -> map(e.get("Properties")).get("Pattern")).findFirst().orElse(null);
            for (Object event : events.values()) {
                if (!"SQS".equals(map(event).get("Type"))) {
                    continue;
                }
                Map<String, Object> source = map(map(event).get("Properties"));
                String queueArn = String.valueOf(source.get("Queue"));
                String queue = queueArn.replaceAll("\\{Fn::GetAtt=\\[(\\w+), Arn]}", "$1");
                assertThat(template.resources("AWS::SQS::Queue")).as(function.getKey() + " reads a queue of the template").containsKey(queue);
                Map<String, Object> queueProps = map(template.resources("AWS::SQS::Queue").get(queue).get("Properties"));
                // QueuedEvent takes a batch of exactly one message; the local stack always hands over one, AWS as many as this.
                assertThat(source.get("BatchSize")).as(function.getKey() + " BatchSize").isEqualTo(1);
                long timeout = Long.parseLong(String.valueOf(template.functionProperties(function.getKey()).getOrDefault("Timeout", 3)));
                long visibility = Long.parseLong(String.valueOf(queueProps.get("VisibilityTimeout")));
                assertThat(visibility).as(queue + " VisibilityTimeout (Lambda refuses a mapping below the timeout)").isGreaterThanOrEqualTo(timeout);
                assertThat(values(map(function.getValue().get("Properties")).get("Policies")).stream().filter(Map.class::isInstance)
                        .flatMap(p -> values(map(p).get("Statement")).stream()).map(SamTemplate::map)
                        .anyMatch(st -> values(st.get("Action")).contains("kms:Decrypt")
                                && values(st.get("Resource")).contains(Map.of("Fn::GetAtt", java.util.List.of(
                                        String.valueOf(queueProps.get("KmsMasterKeyId")).replaceAll("\\{Ref=(\\w+)}", "$1"), "Arn")))))
                        .as(function.getKey() + " may decrypt what it reads from " + queue).isTrue();
                long receives = Long.parseLong(String.valueOf(map(queueProps.get("RedrivePolicy")).get("maxReceiveCount")));
                long delay = Long.parseLong(String.valueOf(queueProps.get("DelaySeconds")));
                var stuck = template.resources("AWS::CloudWatch::Alarm").values().stream().map(a -> map(a.get("Properties")))
                        .filter(a -> "ApproximateAgeOfOldestMessage".equals(a.get("MetricName"))
                                && String.valueOf(a.get("Dimensions")).contains("[" + queue + ", QueueName]")).toList();
                assertThat(stuck).as(queue + "'s alarm on a message nobody reads").hasSize(1);
                assertThat(Long.parseLong(String.valueOf(stuck.get(0).get("Threshold"))))
                        .as(queue + ": the alarm must not fire while a message still has tries left (delay + receives x visibility)")
                        .isGreaterThan(delay + receives * visibility);
                var policies = template.resources("AWS::SQS::QueuePolicy").values().stream().map(p -> map(p.get("Properties")))
                        .filter(p -> String.valueOf(p.get("Queues")).equals("[{Ref=" + queue + "}]")).toList();
                assertThat(policies).as(queue + "'s queue policy").hasSize(1);
                var rules = template.resources("AWS::Events::Rule").entrySet().stream()
                        .filter(r -> String.valueOf(map(r.getValue().get("Properties")).get("Targets")).contains("Arn=" + queueArn))
                        .toList();
                assertThat(rules).as("the rules feeding " + queue).hasSize(1);
                String rule = "{Fn::GetAtt=[" + rules.get(0).getKey() + ", Arn]}";
                var statements = values(map(policies.get(0).get("PolicyDocument")).get("Statement")).stream().map(SamTemplate::map).toList();
                assertThat(statements).as(queue + ": its rule may send").anyMatch(st -> "Allow".equals(st.get("Effect"))
                        && String.valueOf(st.get("Condition")).equals("{ArnEquals={aws:SourceArn=" + rule + "}}"));
                assertThat(statements).as(queue + ": nobody else may send (a made-up ending would make the clean-up remove what it "
                        + "should not)").anyMatch(st -> "Deny".equals(st.get("Effect")) && "*".equals(String.valueOf(st.get("Principal")))
                                && values(st.get("Action")).contains("sqs:SendMessage")
                                && String.valueOf(st.get("Condition")).equals("{ArnNotEquals={aws:SourceArn=" + rule + "}}"));
                assertThat(map(map(rules.get(0).getValue().get("Properties")).get("EventPattern"))).as(rules.get(0).getKey())
                        .isEqualTo(first);
                assertThat(Long.parseLong(String.valueOf(queueProps.get("DelaySeconds")))).as(queue + " DelaySeconds")
                        .isGreaterThan(longestTimeout);
                assertThat(map(queueProps).get("RedrivePolicy")).as(queue + " RedrivePolicy").isNotNull();
                secondPasses.put(function.getKey(), queue);
            }
        }
        assertThat(secondPasses).isEqualTo(Map.of("SweepEndedExecutionFunction", "SweepAgainQueue",
                "DiscardScansFunction", "DiscardScansAgainQueue"));
    }

    /** A policy field that may be one value or a list of them. */
    private static java.util.List<Object> values(Object value) {
        return value instanceof java.util.List<?> list ? java.util.List.copyOf(list) : value == null ? java.util.List.of() : java.util.List.of(value);
    }
}
