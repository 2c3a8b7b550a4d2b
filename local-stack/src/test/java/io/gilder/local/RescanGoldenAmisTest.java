package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.QualysFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * rescan-golden-amis end to end on the local stack: the real state machine (Distributed Map, the build's scan
 * fragment), the real handlers, EC2/SSM/S3/SNS on moto and Qualys played by WireMock. Two images are active
 * ({@code /GoldenAMI/latest} is set to exactly them for the test and put back afterwards) and a third has only its
 * version parameter (retired). Not asserted, because the local stack fakes it: that the instance became reachable
 * (moto reports status checks passed) and that Qualys really scanned it (the fake answers one canned scan).
 * The schedule is not exercised either (moto stores EventBridge Scheduler schedules but never fires them): the test
 * starts the execution with the schedule's input.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RescanGoldenAmisTest {

    private LocalStack aws;
    private Optional<String> latestBefore;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        latestBefore = Rescans.latest(aws);
    }

    @AfterAll
    void putTheActiveListBack() {
        Rescans.setLatest(aws, latestBefore.orElse(null));
    }

    @Test
    void everyActiveImageIsRescannedReportedAndNotifiedAndNoInstanceIsLeft() {
        aws.qualys(QualysFake.Options.defaults());
        String a = GoldenImages.register(aws, GoldenImages.uniqueProduct("RescanA"));
        String b = GoldenImages.register(aws, GoldenImages.uniqueProduct("RescanB"));
        String retired = GoldenImages.register(aws, GoldenImages.uniqueProduct("RescanOld"));
        Rescans.setLatest(aws, a + "," + b);

        Executions.Result first = Rescans.run(aws, Map.of("trigger", "schedule"));

        assertThat(first.status()).as(first.error() + " " + first.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(first.statesEntered()).containsSubsequence("Sweep Stale Rescan Instances", "List Active Golden Images",
                "Rescan Images", "Sweep Rescan Run", "Write Rescan Report", "Notify Rescan Summary", "Rescan Finished");
        JsonNode summary = Json.read(first.output()).path("report");
        assertThat(summary.path("images").asInt()).isEqualTo(2);
        assertThat(summary.path("scanned").asInt()).isEqualTo(2);
        assertThat(summary.path("notScanned").asInt()).isZero();
        JsonNode report = Rescans.readJson(aws, summary.path("report").asText());
        assertThat(report.path("results")).hasSize(2);
        assertThat(report.path("listing").path("inactive").asInt()).as("the retired version parameter is counted").isGreaterThanOrEqualTo(1);
        assertThat(report.toString()).doesNotContain(retired);
        Map<String, Integer> fake = fakeFindingsBySeverity("qualys/fetch.json");
        for (String image : List.of(a, b)) {
            JsonNode result = Rescans.result(report, image);
            assertThat(result.path("status").asText()).isEqualTo("SCANNED");
            assertThat(bySeverity(result.path("bySeverity"))).as(image + " counts = the fake's findings").isEqualTo(fake);
            assertThat(result.path("baseline").asText()).isEqualTo("none");
            assertThat(result.path("new").path("total").asInt()).as("no earlier scan: everything is new").isEqualTo(total(fake));
            assertThat(result.path("policy").path("passed").asBoolean())
                    .as("the worst finding (4) is within the local stack's MaxAllowedSeverity 4").isTrue();
        }

        List<Instance> launched = Rescans.rescanInstances(aws).stream()
                .filter(i -> i.tags().stream().anyMatch(t -> t.key().equals("gilder:rescan-run") && t.value().equals(first.arn()))).toList();
        assertThat(launched).extracting(Instance::imageId).as("one instance per active image, none for the retired one")
                .containsExactlyInAnyOrder(a, b);
        assertThat(launched).allSatisfy(i -> assertThat(i.tags()).anySatisfy(t -> {
            assertThat(t.key()).isEqualTo("AMI-Type");
            assertThat(t.value()).isEqualTo("Golden");
        }));
        assertThat(Rescans.liveRescanInstances(aws)).as("rescan instances not terminated").isEmpty();

        Inbox.Mail mail = aws.inbox().await(m -> m.text().contains(a) && m.text().contains(b), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no rescan summary naming both images; inbox: " + aws.inbox().all()));
        assertThat(mail.subject()).isEqualTo(summary.path("subject").asText()).hasSizeLessThanOrEqualTo(100);

        aws.qualys(QualysFake.Options.defaults().withUrgentFinding().withScanRef("scan/1741090000.50000"));
        Executions.Result second = Rescans.run(aws, Map.of("trigger", "schedule"));

        assertThat(second.status()).as(second.error() + " " + second.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode secondSummary = Json.read(second.output()).path("report");
        assertThat(secondSummary.path("withNewFindings").asInt()).isEqualTo(2);
        JsonNode secondReport = Rescans.readJson(aws, secondSummary.path("report").asText());
        Map<String, Integer> added = fakeFindingsBySeverity("qualys/fetch-urgent.json");
        fake.forEach((severity, n) -> added.merge(severity, -n, Integer::sum));
        for (String image : List.of(a, b)) {
            JsonNode result = Rescans.result(secondReport, image);
            assertThat(result.path("baseline").asText()).isEqualTo("rescan");
            assertThat(bySeverity(result.path("new").path("bySeverity"))).as(image + ": new = what the fake added between runs")
                    .isEqualTo(added);
            assertThat(result.path("new").path("ids").toString()).contains("376820");
            assertThat(result.path("policy").path("passed").asBoolean()).as("the new severity-5 finding fails the policy").isFalse();
            revocationStartedFor(image, result, second.arn());
        }
        assertThat(Rescans.readText(aws, secondSummary.path("text").asText())).contains(
                "policy FAIL; revocation " + Rescans.result(secondReport, a).path("revocation").path("executionName").asText() + " started");
        assertThat(Rescans.liveRescanInstances(aws)).isEmpty();
    }

    /**
     * A failed policy started revoke-golden-ami for the image, named after the run and the image, which ran in the
     * local stack's RevocationMode ({@code report}): the image is marked with the rescan's reason, nothing deprecated.
     */
    private void revocationStartedFor(String image, JsonNode result, String run) {
        String name = result.path("revocation").path("executionName").asText();
        assertThat(name).as(image + ": revocation on the result").startsWith("rescan-" + image + "-");
        String machine = aws.deployment().ref("RevokeGoldenAmiStateMachine");
        Executions.Result revocation;
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            revocation = Executions.await(sfn, machine.replace(":stateMachine:", ":execution:") + ":" + name, Duration.ofMinutes(2));
        }
        assertThat(revocation.status()).as(revocation.error() + " " + revocation.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode input = Json.read(revocation.history().get(0).executionStartedEventDetails().input());
        assertThat(input.path("imageId").asText()).isEqualTo(image);
        assertThat(input.path("trigger").path("rescanRun").asText()).isEqualTo(run);
        assertThat(input.path("reason").asText()).isEqualTo(result.path("policy").path("reason").asText());
        Map<String, String> tags = Rescans.imageTags(aws, image);
        assertThat(tags).containsEntry("gilder:revocation", "report").containsKey("gilder:revoked-at");
        assertThat(aws.imageDeprecations().requests()).as("report mode deprecates nothing").noneMatch(d -> d.imageId().equals(image));
    }

    /**
     * The same deployed definition with the stack's scanner set to {@code none} (the one substitution ScannerType
     * changes): nothing is launched, every image is reported as not scanned because the scanner is none, and the
     * run ends saying so.
     */
    @Test
    void withScannerNoneNothingIsLaunchedAndTheReportSaysWhy() {
        String a = GoldenImages.register(aws, GoldenImages.uniqueProduct("RescanNone"));
        Rescans.setLatest(aws, a);
        String arn;
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            String deployed = sfn.describeStateMachine(r -> r.stateMachineArn(aws.deployment().ref(Rescans.MACHINE))).definition();
            String none = deployed.replaceFirst("\"scanner\": \"[a-z]+\"", "\"scanner\": \"none\"");
            assertThat(none).isNotEqualTo(deployed);
            arn = sfn.createStateMachine(r -> r.name("RescanScannerNone-" + UUID.randomUUID().toString().substring(0, 8))
                    .definition(none).roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/RescanScannerNone")).stateMachineArn();
        }
        Executions.Result run;
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            run = Executions.run(sfn, arn, "none-" + UUID.randomUUID(), "{}", GoldenImages.RUN);
        }

        assertThat(run.status()).as(run.error() + " " + run.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.statesEntered()).contains("Nothing Scanned: Scanner Is None").doesNotContain("Launch Test Instance");
        JsonNode summary = Json.read(run.output()).path("report");
        assertThat(summary.path("notScanned").asInt()).isEqualTo(1);
        JsonNode result = Rescans.result(Rescans.readJson(aws, summary.path("report").asText()), a);
        assertThat(result.path("status").asText()).isEqualTo("NOT_SCANNED");
        assertThat(result.path("cause").asText()).contains("scanner is none");
        assertThat(Rescans.rescanInstances(aws)).noneMatch(i -> i.imageId().equals(a));
    }

    /** Findings of a Qualys fake answer by severity "1".."5"; "Ig" rows (information gathered) are not findings. */
    static Map<String, Integer> fakeFindingsBySeverity(String resource) {
        Map<String, Integer> counts = new TreeMap<>(Map.of("1", 0, "2", 0, "3", 0, "4", 0, "5", 0));
        Json.read(classpathText(resource))
                .forEach(f -> {
                    if (!f.path("type").asText().equalsIgnoreCase("Ig")) {
                        counts.merge(f.path("severity").asText(), 1, Integer::sum);
                    }
                });
        return counts;
    }

    /** A classpath resource's text, e.g. one of the Qualys fake's answers under {@code qualys/}. */
    private static String classpathText(String resource) {
        try (var in = RescanGoldenAmisTest.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> bySeverity(JsonNode node) {
        Map<String, Integer> counts = new TreeMap<>();
        node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
