package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.ExecutionEndings;
import io.gilder.local.emulator.Faults;
import io.gilder.local.emulator.Json;
import io.gilder.local.fakes.QualysFake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * No rescan instance survives a failure: an AccessDenied is injected at each AWS call a rescan of two active images
 * makes (each distinct operation at its first call, taken from a clean warm run; Lambda and Step Functions calls are
 * not fault points, as in the other fault-injection tests). After every run no instance tagged
 * {@code continuous-assessment-instance=true} is left in a state other than terminated, and the run either
 * <ul>
 *   <li>succeeds (the fault was retried, or was in a step whose failure is only recorded, like the stale sweep), or</li>
 *   <li>fails with a named error; when an image could not be rescanned ({@code Gilder.RescanIncomplete}) the report in
 *       S3 lists that image as {@code NOT_SCANNED} with the error, the cause names it, and the other image is scanned.</li>
 * </ul>
 * Then one run each with every operation's first call throttled, answered 500 and (writes) applied with its answer lost:
 * each succeeds, launches exactly one instance per image and leaves none running.
 * A run that did not succeed leaves no scan at Qualys once Discard Scans ran for it (the local EventBridge delivers endings
 * to that function only) and removes no other run's. Not asserted: what moto fakes (instance readiness, the scanner
 * reaching the instance).
 */
@ExtendWith(LocalAws.class)
class RescanFaultInjectionTest {

    private static final Pattern READS = Pattern.compile(":(Describe|Get|List|Search|Head)");

    private static final Pattern NAMED_ERROR = Pattern.compile("(io\\.gilder\\.error\\.[A-Za-z]+Exception|Gilder\\.[A-Za-z]+)");

    @Test
    void aFailureAtAnyAwsCallOfARescanLeavesNoRescanInstanceAndTheReportNamesTheImage(LocalStack aws) {
        Optional<String> latestBefore = Rescans.latest(aws);
        aws.executionEndings().enableFirstPassesFor(KeptScans.DISCARD);
        try {
            aws.qualys(QualysFake.Options.defaults());
            String a = GoldenImages.register(aws, GoldenImages.uniqueProduct("FaultRA"));
            String b = GoldenImages.register(aws, GoldenImages.uniqueProduct("FaultRB"));
            Rescans.setLatest(aws, a + "," + b);
            List<String> images = List.of(a, b);
            Executions.Result warm = Rescans.run(aws, Map.of());
            assertThat(warm.status()).as(warm.error() + " " + warm.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);

            aws.faults().reset();
            aws.qualys(QualysFake.Options.defaults());
            Executions.Result clean = Rescans.run(aws, Map.of());
            // A refused lifecycle event is retried, then caught: it never changes how a rescan ends (docs/events.md).
            List<String> calls = aws.faults().calls().stream().filter(c -> !c.startsWith("lambda:") && !c.startsWith("states:")
                    && !c.startsWith("events:")).toList();
            aws.faults().reset();
            assertThat(clean.status()).as(clean.error() + " " + clean.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);

            List<Faults.Rule> points = firstCalls(calls);
            List<String> problems = new ArrayList<>();
            int cleanedRuns = 0;
            for (Faults.Rule point : points) {
                String where = point.operation() + " #" + point.nth();
                // Each run's scans their own reference, as Qualys gives: a discard deletes by reference.
                aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741083305." + (70000 + points.indexOf(point))));
                KeptScans scans = KeptScans.of(aws);
                aws.faults().failNth(point.operation(), point.nth(), point.errorCode(), point.httpStatus());
                Executions.Result run = Rescans.run(aws, Map.of());
                boolean fired = !aws.faults().fired().isEmpty();
                aws.faults().reset();
                System.out.printf("  rescan with %s failing: %s%n", where, fired ? run.status() + " "
                        + (run.error() == null ? "" : run.error()) + " in " + run.took().toMillis() + " ms" : "call not made");
                if (!fired) {
                    problems.add(where + ": the call was not made in this run");
                    continue;
                }
                List<String> live = Rescans.liveRescanInstances(aws);
                if (!live.isEmpty()) {
                    problems.add(where + ": rescan instances left " + live);
                }
                if (run.status() == ExecutionStatus.SUCCEEDED) {
                    continue;
                }
                scans.problemsAfter(aws, run.arn(), java.time.Duration.ofSeconds(60)).forEach(p -> problems.add(where + ": " + p));
                cleanedRuns += scans.cleaned() ? 1 : 0;
                if (run.status() != ExecutionStatus.FAILED || !NAMED_ERROR.matcher(String.valueOf(run.error())).matches()) {
                    problems.add(where + ": ended " + run.status() + " " + run.error() + " " + run.cause());
                } else if ("Gilder.RescanIncomplete".equals(run.error())) {
                    checkReport(problems, where, aws, run, images);
                }
            }
            // Then one run each with every operation's first call throttled, answered 500, and (writes) applied with its answer
            // lost: the SDK and the Retry blocks absorb them, both images are scanned, and nothing is left or made twice.
            Map<String, Integer> kinds = new LinkedHashMap<>(Map.of("refused", points.size()));
            for (Function<String, Faults.Rule> kind : List.<Function<String, Faults.Rule>>of(
                    op -> Faults.throttled(op, 1), op -> Faults.serverError(op, 1), op -> Faults.appliedThenLost(op, 1))) {
                // Not ec2:TerminateInstances with a lost answer: moto fails a second termination of an instance
                // (InvalidNetworkInterfaceID.NotFound, deleting its network interface again) where EC2 answers its state.
                List<Faults.Rule> armed = points.stream().map(point -> kind.apply(point.operation()))
                        .filter(rule -> !rule.appliedFirst() || !READS.matcher(rule.operation()).find())
                        .filter(rule -> !rule.appliedFirst() || !rule.operation().equals("ec2:TerminateInstances")).toList();
                String where = "rescan with " + armed.get(0).kind() + " at " + armed.size() + " operations";
                aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741083305." + (71000 + kinds.size())));
                List<String> instancesBefore = Rescans.rescanInstances(aws).stream().map(software.amazon.awssdk.services.ec2.model.Instance::instanceId).toList();
                aws.faults().reset();
                armed.forEach(aws.faults()::add);
                Executions.Result run = Rescans.run(aws, Map.of());
                aws.faults().reset();
                System.out.printf("  %s: %s in %d ms%n", where, run.status(), run.took().toMillis());
                if (run.status() != ExecutionStatus.SUCCEEDED) {
                    problems.add(where + ": ended " + run.status() + " " + run.error() + " " + run.cause());
                }
                List<String> launched = Rescans.rescanInstances(aws).stream().map(software.amazon.awssdk.services.ec2.model.Instance::instanceId).toList().stream().filter(id -> !instancesBefore.contains(id)).toList();
                if (launched.size() != images.size()) {
                    problems.add(where + ": " + launched.size() + " rescan instances launched for " + images.size() + " images " + launched);
                }
                List<String> live = Rescans.liveRescanInstances(aws);
                if (!live.isEmpty()) {
                    problems.add(where + ": rescan instances left " + live);
                }
                kinds.put(armed.get(0).kind(), armed.size());
            }
            System.out.printf("fault injection (rescan, 2 images): fault points per kind %s over %d distinct operations; Discard Scans "
                    + "removed the scans of %d failed runs; %d problems%n", kinds, points.stream().map(Faults.Rule::operation).distinct().count(),
                    cleanedRuns, problems.size());
            assertThat(cleanedRuns).as("failed runs whose scans Discard Scans removed").isPositive();
            assertThat(points).as("fault points").hasSizeGreaterThanOrEqualTo(8);
            assertThat(problems).isEmpty();
        } finally {
            aws.executionEndings().disable();
            aws.faults().reset();
            Rescans.setLatest(aws, latestBefore.orElse(null));
        }
    }

    /**
     * Two faults in one run: the test instance's status check refused (the image's scan fails, its clean-up starts), then
     * its termination refused in that clean-up and again in the run's own sweep. The run ends {@code Gilder.RescanIncomplete},
     * counts the failed clean-up (Gilder/CleanupsFailed, which CleanupFailedAlarm watches) and leaves the instance tagged with
     * the run; the sweep of ended executions (EventBridge, on the FAILED status change) then terminates it.
     */
    @Test
    void aRescanWhoseCleanUpFailsTooCountsItAndTheSweepOfEndedExecutionsRemovesTheInstance(LocalStack aws) {
        Optional<String> latestBefore = Rescans.latest(aws);
        ExecutionEndings endings = aws.executionEndings();
        try {
            aws.qualys(QualysFake.Options.defaults().withScanRef("scan/1741083305.72001"));
            String image = GoldenImages.register(aws, GoldenImages.uniqueProduct("FaultR2"));
            Rescans.setLatest(aws, image);
            endings.enable();
            aws.gateway().watch("monitoring:PutMetricData");
            int putsBefore = aws.gateway().calls("monitoring:PutMetricData").size();
            aws.faults().reset();
            aws.faults().add(Faults.refused("ec2:DescribeInstanceStatus", 1));
            aws.faults().add(Faults.refused("ec2:TerminateInstances", 1));
            aws.faults().add(Faults.refused("ec2:TerminateInstances", 2));

            Executions.Result run = Rescans.run(aws, Map.of());

            assertThat(run.status()).as(run.error() + " " + run.cause()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(run.error()).isEqualTo("Gilder.RescanIncomplete");
            assertThat(aws.faults().fired()).as("both faults fired, each termination once").hasSize(3);
            // Counted where CleanupFailedAlarm looks: Gilder/CleanupsFailed, dimension StateMachine = the machine's name (in AWS
            // <stack>-rescan-golden-amis, which LifecycleEventDefinitionsTest matches with the alarm; here its logical id).
            assertThat(aws.gateway().calls("monitoring:PutMetricData").subList(putsBefore, aws.gateway().calls("monitoring:PutMetricData").size()))
                    .as("the failed clean-up is counted").anyMatch(put -> put.body().contains("Gilder") && put.body().contains("CleanupsFailed")
                            && put.body().contains("StateMachine") && put.body().contains("\"" + Rescans.MACHINE + "\""));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
            while (endings.deliveries().stream().noneMatch(d -> d.executionArn().equals(run.arn())
                    && d.function().equals("SweepEndedExecutionFunction")) && System.nanoTime() < deadline) {
                Executions.pause();
            }
            assertThat(Rescans.liveRescanInstances(aws)).as("after the sweep of the ended run (sweeps: " + endings.deliveries() + ")")
                    .isEmpty();
            System.out.printf("fault injection (rescan, two faults): %s, clean-up failure counted, instance swept when the run ended%n",
                    run.error());
        } finally {
            endings.disable();
            aws.faults().reset();
            Rescans.setLatest(aws, latestBefore.orElse(null));
        }
    }

    /** The failed image is NOT_SCANNED in the report with its error and named in the cause; the other one is scanned. */
    private static void checkReport(List<String> problems, String where, LocalStack aws, Executions.Result run, List<String> images) {
        Optional<String> written = run.stateOutput("Write Rescan Report");
        if (written.isEmpty()) {
            problems.add(where + ": incomplete but no report written");
            return;
        }
        JsonNode report = Rescans.readJson(aws, Json.read(written.get()).at("/report/report").asText());
        List<String> failed = new ArrayList<>();
        for (String image : images) {
            JsonNode result = Rescans.result(report, image);
            if ("NOT_SCANNED".equals(result.path("status").asText())) {
                failed.add(image);
                if (result.path("error").asText().isEmpty() || !String.valueOf(run.cause()).contains(image)) {
                    problems.add(where + ": " + image + " not scanned without its error in the report or its id in the cause: " + result
                            + " / " + run.cause());
                }
            }
        }
        if (failed.size() != 1) {
            problems.add(where + ": expected exactly the faulted image not scanned, got " + failed);
        }
    }

    private static List<Faults.Rule> firstCalls(List<String> calls) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        calls.forEach(call -> counts.merge(call, 1, Integer::sum));
        return counts.keySet().stream().map(op -> new Faults.Rule(op, 1, "AccessDenied", 403)).toList();
    }
}
