package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gilder.approval.ApprovalIds;
import io.gilder.build.BuildDefaults;
import io.gilder.build.BuildRequestParser;
import io.gilder.local.emulator.Faults;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The approval page under faults: each AWS call a decision makes (the session and approval reads, the decision's
 * conditional write, the decision log's two records, {@code SendTaskSuccess}, and the execution reads that settle an
 * uncertain delivery) is refused, throttled, answered 500, and (writes) applied with its answer lost, once, in the
 * request of a signed-in approver, through the local HTTP API route and the real page function.
 *
 * <p>The builds waiting are executions of the build's own approval states, read from the deployed build state machine
 * ("Request Approval", the real {@code RequestApprovalFunction} storing the token and e-mailing the link, then "Is Image
 * Approved?"), launched ahead while the first decisions find the fault points, so that every fault point has its own
 * pending approval with a real task token without a full build each.
 * Each faulted request must answer a plain page (approved or denied when the SDK's retry absorbed the fault, "unavailable"
 * with nothing decided, or "undelivered" with the decision kept and a "Deliver again" button), showing no stack trace,
 * no task token and no secret; what the page offers (submitting the decision again, "Deliver again") must then finish
 * it. The approval is decided once (one status, one voter, its decision time the one the build received), the
 * execution's approval task succeeds exactly once and the execution ends as its decision says, and nothing is left in
 * the pipeline account (no pending approval of these executions, nothing {@link AccountState} compares).
 * Only the page's own calls are logged and faulted ({@link Faults#only}, by the page's access key).
 */
@ExtendWith(LocalAws.class)
class ApprovalPageFaultInjectionTest {

    private static final Pattern READS = Pattern.compile(":(Describe|Get|List|Search|Head)");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Decisions the test makes when the page's calls are as today (3 to find the fault points, 33 faulted), launched ahead. */
    private static final int EXPECTED_DECISIONS = 36;
    private static final String APPROVER = "ann-0001";
    private static final String EMAIL = "ann@example.com";
    /** What no page may show: a Java stack trace or exception, the emulator's injected error text, the sign-in client's secret. */
    private static final Pattern LEAK = Pattern.compile("Exception|\\tat |\\bat io\\.gilder|Injected by|local-client-secret");

    /** One fault point: the rules armed for one decision request, and its kind for the counts. */
    record Point(String kind, String where, List<Faults.Rule> rules) {}

    @Test
    void aFaultAtAnyCallOfADecisionIsAnsweredPlainlyAndTheDecisionReachesItsBuildExactlyOnce(LocalStack aws) {
        Instant began = Instant.now();
        AccountState before = AccountState.of(aws);
        List<String> problems = new ArrayList<>();
        try (SfnClient sfn = aws.inspector(SfnClient.builder()); DynamoDbClient dynamo = aws.inspector(DynamoDbClient.builder())) {
            Waits waits = new Waits(aws, sfn);
            ApproverBrowser browser = new ApproverBrowser();
            // The page's container starts while the first approval is requested: a malformed link makes no AWS call.
            var warm = java.util.concurrent.CompletableFuture.runAsync(() -> new ApproverBrowser().get(aws.endpoint().resolve("/approvals/warm-up").toString()));
            waits.launch(1);
            Waiting first = waits.next();
            // The others are requested while the first decisions are made (more are launched if the page's calls grew).
            waits.launch(EXPECTED_DECISIONS - 1);
            warm.join();
            HttpResponse<String> signedIn = browser.signIn(first.link(), APPROVER, ApproverBrowser.approverClaims(EMAIL));
            String csrf = ApproverBrowser.csrf(signedIn).orElseThrow(() -> new AssertionError("no decision form: " + signedIn.body()));
            Decisions decisions = new Decisions(aws, sfn, dynamo, browser, csrf);

            // A clean decision (it also warms the page's container): its calls are the fault points.
            long parked = Duration.between(began, Instant.now()).toSeconds();
            List<String> calls = decisions.decide(first, "APPROVED", List.of(), problems, "clean approval");
            // A denial makes the same calls but the read of the voters counted (only an approval needs it).
            Set<String> denialCalls = Faults.pointsOf(decisions.decide(waits.next(), "DENIED", List.of(), problems, "clean denial"), "none", 0)
                    .stream().map(rule -> rule.operation() + " #" + rule.nth()).collect(Collectors.toSet());
            assertThat(calls).as("the page's calls of one decision").contains("dynamodb:UpdateItem", "s3:PutObject", "states:SendTaskSuccess");

            // SendTaskSuccess applied, its answer lost: the execution reads that settle it are fault points too, behind that loss.
            Faults.Rule lostAnswer = Faults.appliedThenLost("states:SendTaskSuccess", 1);
            List<String> settling = decisions.decide(waits.next(), "APPROVED", List.of(lostAnswer), problems,
                    "states:SendTaskSuccess #1 applied, answer lost");
            List<String> afterLoss = settling.subList(settling.indexOf("states:SendTaskSuccess") + 1, settling.size()).stream()
                    .filter(call -> !call.equals("states:SendTaskSuccess")).toList();

            List<Point> points = new ArrayList<>();
            Map<String, Integer> kinds = new LinkedHashMap<>();
            kinds.put("refused", 0);
            kinds.put("throttled", 0);
            kinds.put("5xx", 0);
            kinds.put("lost answer", 1); // the SendTaskSuccess decision above
            List<BiFunction<String, Integer, Faults.Rule>> kindsOf = List.of(Faults::refused, Faults::throttled, Faults::serverError,
                    Faults::appliedThenLost);
            for (Faults.Rule call : Faults.pointsOf(calls, "none", 0)) {
                for (BiFunction<String, Integer, Faults.Rule> kind : kindsOf) {
                    Faults.Rule rule = kind.apply(call.operation(), call.nth());
                    if (rule.appliedFirst() && (READS.matcher(rule.operation()).find() || rule.equals(lostAnswer))) {
                        continue; // a lost read changes nothing; the lost SendTaskSuccess ran above
                    }
                    points.add(new Point(label(rule), rule.operation() + " #" + rule.nth() + " " + rule.kind(), List.of(rule)));
                }
            }
            for (Faults.Rule call : Faults.pointsOf(afterLoss, "none", 0)) {
                for (BiFunction<String, Integer, Faults.Rule> kind : kindsOf.subList(0, 3)) {
                    Faults.Rule rule = kind.apply(call.operation(), call.nth());
                    points.add(new Point(label(rule), rule.operation() + " #" + rule.nth() + " " + rule.kind()
                            + " behind a lost SendTaskSuccess answer", List.of(lostAnswer, rule)));
                }
            }

            for (int i = 0; i < points.size(); i++) {
                Point point = points.get(i);
                Faults.Rule last = point.rules().get(point.rules().size() - 1);
                boolean deny = i % 2 == 1 && denialCalls.contains(last.operation() + " #" + last.nth());
                decisions.decide(waits.next(), deny ? "DENIED" : "APPROVED", point.rules(), problems, point.where());
                kinds.merge(point.kind(), 1, Integer::sum);
            }
            int spare = 0;
            for (Waiting unused = waits.nextIfLaunched(); unused != null; unused = waits.nextIfLaunched(), spare++) {
                decisions.decide(unused, "DENIED", List.of(), problems, "no fault (launched ahead, not needed)");
            }

            List<String> left = AccountState.of(aws).newSince(before);
            left.forEach(line -> problems.add("left in the pipeline account: " + line));
            waits.all().stream().filter(w -> pendingApproval(aws, dynamo, w)).forEach(w -> problems.add(w.arn() + ": its approval is still pending"));
            waits.all().stream().filter(w -> sfn.describeExecution(r -> r.executionArn(w.arn())).status() == ExecutionStatus.RUNNING)
                    .forEach(w -> problems.add(w.arn() + ": still waiting"));
            System.out.printf("approval page: refused %d, throttled %d, 5xx %d, lost answer %d (%d decisions, %d of them behind a lost "
                    + "SendTaskSuccess answer, %d without a fault); %d problems; %d s (%d s to the first decision)%n", kinds.get("refused"), kinds.get("throttled"), kinds.get("5xx"),
                    kinds.get("lost answer"), points.size() + 3 + spare, points.stream().filter(p -> p.rules().size() > 1).count(), 2 + spare,
                    problems.size(),
                    Duration.between(began, Instant.now()).toSeconds(), parked);
            assertThat(calls.stream().distinct()).as("the page's operations").hasSizeGreaterThanOrEqualTo(4);
            assertThat(afterLoss).as("the reads that settle a lost answer").contains("states:DescribeExecution", "states:GetExecutionHistory");
        } finally {
            aws.faults().reset();
        }
        assertThat(problems).isEmpty();
    }

    private static String label(Faults.Rule rule) {
        return switch (rule.kind()) {
            case "applied, answer lost" -> "lost answer";
            case "server error" -> "5xx";
            default -> rule.kind();
        };
    }

    private static boolean pendingApproval(LocalStack aws, DynamoDbClient dynamo, Waiting waiting) {
        Map<String, AttributeValue> item = Decisions.item(aws, dynamo, waiting);
        return item.isEmpty() || "PENDING".equals(item.get("status").s());
    }

    /** An execution waiting at "Request Approval", and its e-mailed link. */
    record Waiting(String arn, String link) {

        String approvalId() {
            return link.substring(link.lastIndexOf('/') + 1);
        }
    }

    /**
     * Executions of the build's approval states alone: "Request Approval" and "Is Image Approved?" as deployed (so the real
     * function stores the token and mails the link, and the real choice reads the answer), ending in a Succeed for an
     * approval and a Fail named as the build's denial ({@code Gilder.ImageDenied}) or expiry.
     */
    static final class Waits {

        private final LocalStack aws;
        private final SfnClient sfn;
        private final String machine;
        private final String input;
        private final List<Waiting> all = new ArrayList<>();
        private final List<String> launched = new ArrayList<>();

        Waits(LocalStack aws, SfnClient sfn) {
            this.aws = aws;
            this.sfn = sfn;
            JsonNode build = Json.read(sfn.describeStateMachine(r -> r.stateMachineArn(aws.deployment().ref("BuildGoldenAmiStateMachine")))
                    .definition());
            ObjectNode request = (ObjectNode) build.at("/States/Request Approval").deepCopy();
            ObjectNode choice = (ObjectNode) build.at("/States/Is Image Approved?").deepCopy();
            assertThat(request.path("Resource").asText()).endsWith(".waitForTaskToken");
            // Where the build goes on: after an approval, registration (here: success); otherwise its clean-up (here: a named failure).
            choice.withArray("Choices").forEach(c -> ((ObjectNode) c).put("Next", "Approved"));
            choice.put("Default", "Image Denied");
            request.withArray("Catch").forEach(c -> ((ObjectNode) c).put("Next", "Not Approved"));
            ObjectNode states = Json.MAPPER.createObjectNode();
            states.set("Request Approval", request);
            states.set("Is Image Approved?", choice);
            states.set("Approved", Json.MAPPER.createObjectNode().put("Type", "Succeed"));
            states.set("Image Denied", Json.MAPPER.createObjectNode().put("Type", "Fail").put("Error", "Gilder.ImageDenied"));
            states.set("Not Approved", Json.MAPPER.createObjectNode().put("Type", "Fail").put("Error", "Gilder.NotApproved"));
            ObjectNode definition = Json.MAPPER.createObjectNode().put("StartAt", "Request Approval");
            definition.set("States", states);
            machine = sfn.createStateMachine(r -> r.name("approval-page-faults-" + UUID.randomUUID().toString().substring(0, 8))
                    .definition(Json.write(definition)).roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/BuildGoldenAmiStateMachineRole"))
                    .stateMachineArn();
            input = Json.write(Map.of("candidate", Map.of("imageId", "ami-0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)),
                    "request", BuildRequestParser.parse(Map.of("sourceAmiId", "ami-0123456789abcdef0", "productName",
                            GoldenImages.uniqueProduct("PageFaults"), "productOSAndVersion", GoldenImages.OS, "buildVersion", "1"),
                            BuildDefaults.standard(), LocalDate.now()),
                    "sourceImage", Map.of("imageId", "ami-0123456789abcdef0"),
                    "scan", Map.of("scanner", "qualys", "total", 1, "highestSeverity", 3, "bySeverity", Map.of("1", 0, "2", 0, "3", 1, "4", 0, "5", 0)),
                    "policy", Map.of("passed", true, "reason", "highest severity 3 is within the policy's 3"),
                    "settings", Map.of("approvalTimeoutSeconds", 900)));
        }

        /** Starts {@code count} executions at once; {@link #next} takes them in order. */
        void launch(int count) {
            for (int i = 0; i < count; i++) {
                launched.add(sfn.startExecution(r -> r.stateMachineArn(machine).name("page-fault-" + UUID.randomUUID()).input(input))
                        .executionArn());
            }
        }

        /** The next launched execution once its approval e-mail arrived (launching one when none is left). */
        Waiting next() {
            if (launched.isEmpty()) {
                launch(1);
            }
            String arn = launched.remove(0);
            String link = aws.inbox().await(m -> m.text().contains("Execution: " + arn) && m.link().isPresent(), WAIT)
                    .flatMap(Inbox.Mail::link).orElseThrow(() -> new AssertionError("no approval e-mail for " + arn + ": "
                            + sfn.describeExecution(r -> r.executionArn(arn))));
            Waiting waiting = new Waiting(arn, link);
            all.add(waiting);
            return waiting;
        }

        /** The next launched execution not taken yet, or null. */
        Waiting nextIfLaunched() {
            return launched.isEmpty() ? null : next();
        }

        List<Waiting> all() {
            return List.copyOf(all);
        }
    }

    /** One signed-in approver deciding, with faults armed for the decision request alone, then finishing what the page offers. */
    record Decisions(LocalStack aws, SfnClient sfn, DynamoDbClient dynamo, ApproverBrowser browser, String csrf) {

        /** Decides {@code waiting} with {@code rules} armed for the request; returns the page's calls in that request. */
        List<String> decide(Waiting waiting, String decision, List<Faults.Rule> rules, List<String> problems, String where) {
            String token = item(aws, dynamo, waiting).get("taskToken").s();
            aws.faults().reset();
            aws.faults().only(LocalStack.APPROVAL_PAGE_ACCESS_KEY);
            rules.forEach(aws.faults()::add);
            HttpResponse<String> answer = browser.post(waiting.link(), "decision=" + decision + "&comment=" + ApproverBrowser.enc(where)
                    + "&csrf=" + ApproverBrowser.enc(csrf));
            List<Faults.Rule> fired = aws.faults().fired();
            List<String> calls = aws.faults().calls();
            aws.faults().reset();
            String outcome = outcome(answer);
            String first = outcome + " (" + answer.statusCode() + ")";
            if (fired.size() != rules.size()) {
                problems.add(where + ": " + (rules.size() - fired.size()) + " fault(s) not reached; the page called " + calls);
            }
            plain(problems, where, answer, token);
            String decided = decision.equals("APPROVED") ? "approved" : "denied";
            Map<String, AttributeValue> item = item(aws, dynamo, waiting);
            String status = item.get("status").s();
            switch (outcome) {
                case "approved", "denied" -> {
                    if (!outcome.equals(decided)) {
                        problems.add(where + ": the page says " + outcome + " for a " + decision);
                    }
                }
                case "unavailable" -> {
                    if (!status.equals("PENDING")) {
                        problems.add(where + ": the page says nothing was changed, but the approval is " + status);
                    }
                    answer = browser.post(waiting.link(), "decision=" + decision + "&comment=" + ApproverBrowser.enc(where + ", again")
                            + "&csrf=" + ApproverBrowser.enc(csrf));
                }
                case "undelivered" -> {
                    if (!status.equals(decision)) {
                        problems.add(where + ": the page says the decision is kept, but the approval is " + status);
                    }
                    if (!answer.body().contains("name=\"deliver\" value=\"again\"")) {
                        problems.add(where + ": an undelivered decision without a \"Deliver again\" button");
                    }
                    answer = browser.post(waiting.link(), "deliver=again&csrf=" + ApproverBrowser.enc(csrf));
                }
                default -> problems.add(where + ": the page answered " + first);
            }
            String last = outcome(answer);
            if (!last.equals(decided)) {
                problems.add(where + ": after " + first + ", what the page offers ended " + last + " (" + answer.statusCode() + ")");
            }
            plain(problems, where + ", then", answer, token);
            settled(problems, where, waiting, decision);
            System.out.printf("  approval page with %s: %s%s%n", where, first, last.equals(outcome) ? "" : ", then " + last);
            return calls;
        }

        /** A plain page: no stack trace or exception, no task token, no secret, no emulator error text. */
        private static void plain(List<String> problems, String where, HttpResponse<String> page, String token) {
            if (page.body().contains(token)) {
                problems.add(where + ": the page shows the task token");
            }
            var leak = LEAK.matcher(page.body());
            if (leak.find()) {
                problems.add(where + ": the page shows '" + leak.group() + "'");
            }
            if (outcome(page).isEmpty()) {
                problems.add(where + ": a page without an outcome (" + page.statusCode() + ")");
            }
        }

        /**
         * The approval is decided once by the approver, the execution's approval task succeeded exactly once with that
         * decision (its decision time the one recorded), and the execution ended as the decision says.
         */
        private void settled(List<String> problems, String where, Waiting waiting, String decision) {
            Executions.Result result;
            try {
                result = Executions.await(sfn, waiting.arn(), Duration.ofSeconds(20));
            } catch (IllegalStateException stillWaiting) {
                problems.add(where + ": the execution still waits for its answer (" + stillWaiting.getMessage() + ")");
                return;
            }
            Map<String, AttributeValue> item = item(aws, dynamo, waiting);
            if (!decision.equals(item.get("status").s()) || !EMAIL.equals(item.get("decidedBy").s())
                    || !item.containsKey("voters") || item.get("voters").ss().size() != 1) {
                problems.add(where + ": the approval record is " + item.get("status").s() + " by " + s(item, "decidedBy") + ", voters "
                        + (item.containsKey("voters") ? item.get("voters").ss() : "none"));
            }
            List<HistoryEvent> answered = result.history().stream().filter(e -> e.taskSucceededEventDetails() != null).toList();
            if (answered.size() != 1) {
                problems.add(where + ": the approval task succeeded " + answered.size() + " times");
                return;
            }
            JsonNode delivered = Json.read(answered.get(0).taskSucceededEventDetails().output());
            String recordedAt = Instant.ofEpochMilli(Long.parseLong(item.get("decidedAt").n())).toString();
            if (!delivered.path("decision").asText().equals(decision) || !delivered.path("decidedAt").asText().equals(recordedAt)) {
                problems.add(where + ": the build received " + delivered + ", the record says " + decision + " at " + recordedAt);
            }
            boolean expected = decision.equals("APPROVED") ? result.status() == ExecutionStatus.SUCCEEDED
                    : result.status() == ExecutionStatus.FAILED && "Gilder.ImageDenied".equals(result.error());
            if (!expected) {
                problems.add(where + ": the execution ended " + result.status() + " " + result.error() + " after a " + decision);
            }
        }

        static Map<String, AttributeValue> item(LocalStack aws, DynamoDbClient dynamo, Waiting waiting) {
            return dynamo.getItem(r -> r.tableName(aws.deployment().ref("ApprovalsTable")).consistentRead(true)
                    .key(Map.of("approvalKey", AttributeValue.fromS(ApprovalIds.key(waiting.approvalId()))))).item();
        }

        private static String s(Map<String, AttributeValue> item, String name) {
            return item.containsKey(name) ? item.get(name).s() : null;
        }

        private static String outcome(HttpResponse<String> page) {
            var m = Pattern.compile("data-outcome=\"([^\"]+)\"").matcher(page.body());
            return m.find() ? m.group(1) : "";
        }
    }
}
