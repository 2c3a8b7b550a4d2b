package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.ExecutionEndings;
import io.gilder.local.emulator.Json;
import io.gilder.local.fakes.QualysFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Endings no Catch sees: an execution aborted (or timed out, or failed by Step Functions itself) runs none of its
 * workflow's own clean-up; the EventBridge rule on Step Functions' status changes hands it to
 * SweepEndedExecutionFunction, which removes what the execution's tag is on.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionEndingsTest {

    private LocalStack aws;
    private SfnClient sfn;
    private ExecutionEndings endings;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        sfn = aws.inspector(SfnClient.builder());
        endings = aws.executionEndings();
        endings.enableFor("SweepEndedExecutionFunction");
    }

    @AfterAll
    void tearDown() {
        endings.disable();
        sfn.close();
    }

    @Test
    void aBuildAbortedAfterItsCandidateWasImagedLeavesNeitherImageNorSnapshotNorInstance() {
        aws.qualys(QualysFake.Options.defaults());
        String product = "Aborted" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        try (LifecycleEvents events = LifecycleEvents.subscribe(aws)) {
            String arn = startBuild("aborted", product);
            awaitState(arn, "Launch Test Instance", Duration.ofMinutes(3));
            assertThat(tagged(arn)).as("the candidate image and its snapshot exist").isNotEmpty();

            endings.queueDelayCap(Duration.ofSeconds(30)); // room for the launch in flight to finish before the second sweep
            sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Aborted").cause("the wrong source image"));

            ExecutionEndings.Delivery delivery = awaitDelivery(arn, Duration.ofSeconds(90));
            assertThat(delivery.status()).isEqualTo("ABORTED");
            assertThat(delivery.function()).isEqualTo("SweepEndedExecutionFunction");
            assertThat(delivery.answer().error()).as(delivery.answer().payloadText()).isFalse();
            assertThat(Json.read(delivery.answer().payloadText()).path("removed").path("deletedImages")).isNotEmpty();
            com.fasterxml.jackson.databind.JsonNode firstAnnounced = Json.read(delivery.answer().payloadText()).path("announced");
            assertThat(firstAnnounced.isNull() || firstAnnounced.isMissingNode()).as("the second sweep announces").isTrue();
            assertThat(aws.inbox().await(m -> m.text().contains(arn) && m.text().contains("ended ABORTED"), Duration.ofSeconds(10)))
                    .as("the notice says what was removed and why").isPresent();
            // "Launch Test Instance" may still have been in flight (the execution is ABORTED at once, as in AWS): what it made
            // after the first sweep is the second's.
            ExecutionEndings.Delivery again;
            try {
                again = awaitQueuedDelivery(arn);
            } finally {
                endings.queueDelayCap(ExecutionEndings.QUEUE_DELAY_CAP);
            }
            assertThat(tagged(arn)).as("images, snapshots and live instances of the aborted execution").isEmpty();

            // The build machine could not announce its failure (no Catch runs on an abort): the second sweep did, once
            // nothing the build made was left.
            assertThat(Json.read(again.answer().payloadText()).path("announced").asText()).isEqualTo("Golden AMI Build Failed");
            List<com.fasterxml.jackson.databind.JsonNode> announced = events.of(arn, 2, Duration.ofSeconds(30));
            assertThat(LifecycleEvents.detailTypes(announced)).containsExactly("Golden AMI Build Started", "Golden AMI Build Failed");
            com.fasterxml.jackson.databind.JsonNode failed = announced.get(1);
            assertThat(LifecycleEvents.problems("Golden AMI Build Failed", failed.get("detail"))).as(failed.toString()).isEmpty();
            // Step Functions' error of the abort, or the ending where it names none (moto's DescribeExecution names none).
            assertThat(failed.at("/detail/error").asText()).isIn("Operator.Aborted", "ABORTED");
            assertThat(failed.at("/detail/ending").asText()).isEqualTo("ABORTED");
            assertThat(failed.at("/detail/parameterName").asText()).isEqualTo("/GoldenAMI/AmazonLinux-2023/" + product + "/1");
            assertThat(failed.get("resources").toString()).contains(arn).contains(":stateMachine:");
        }
    }

    private ExecutionEndings.Delivery awaitQueuedDelivery(String arn) {
        ExecutionEndings.Delivery again = awaitDelivery(arn, "SweepEndedExecutionFunction", true, Duration.ofSeconds(90));
        assertThat(again.answer().error()).as(again.answer().payloadText()).isFalse();
        return again;
    }

    @Test
    void aFailedExecutionWhoseOwnCleanUpRanIsSweptQuietly() {
        Executions.Result failed = Places.decommission(aws, "NoSuch" + UUID.randomUUID().toString().substring(0, 8) + "-1.0", false);

        ExecutionEndings.Delivery delivery = awaitDelivery(failed.arn(), Duration.ofSeconds(60));
        assertThat(delivery.status()).isEqualTo("FAILED");
        assertThat(delivery.answer().error()).as(delivery.answer().payloadText()).isFalse();
        assertThat(Json.read(delivery.answer().payloadText()).path("removed").path("deletedImages")).isEmpty();
        assertThat(endings.deliveries()).as("one direct delivery per ending (and one through SweepAgainQueue later)")
                .filteredOn(d -> d.executionArn().equals(failed.arn()) && !d.queued()).hasSize(1);
    }

    /**
     * Step Functions does not stop a task's Lambda invocation when the execution is aborted: here "Create Candidate Image"
     * is in flight (its CreateImage held 15 s, longer than the first sweep takes, its function's cold start included) when the
     * build is stopped, so the image appears after the first sweep ran. The same ending, delivered again through
     * SweepAgainQueue (5 minutes later in AWS, 30 s after the first here), removes it.
     */
    @Test
    void whatATaskInFlightMakesAfterTheFirstSweepIsRemovedByTheSecond() {
        aws.qualys(QualysFake.Options.defaults());
        String product = "InFlight" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        endings.queueDelayCap(Duration.ofSeconds(30));
        aws.faults().slow("ec2:CreateImage", Duration.ofSeconds(15));
        try {
            String arn = startBuild("in-flight", product);
            awaitState(arn, "Create Candidate Image", Duration.ofMinutes(3));
            sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Aborted").cause("stopped while imaging"));

            ExecutionEndings.Delivery first = awaitDelivery(arn, Duration.ofSeconds(60));
            assertThat(first.answer().error()).as(first.answer().payloadText()).isFalse();
            assertThat(Json.read(first.answer().payloadText()).path("removed").path("deletedImages")).as("the image did not exist yet")
                    .isEmpty();
            ExecutionEndings.Delivery second = awaitQueuedDelivery(arn);
            assertThat(Json.read(second.answer().payloadText()).path("removed").path("deletedImages")).as("the image made late")
                    .isNotEmpty();
            assertThat(tagged(arn)).as("images, snapshots and live instances of the aborted execution").isEmpty();
        } finally {
            aws.faults().reset();
            endings.queueDelayCap(ExecutionEndings.QUEUE_DELAY_CAP);
        }
    }

    /**
     * Discard Scans' second pass: "Start Scan" is in flight (Qualys' add-IP call held 40 s, so its launch comes after Discard
     * Scans first looked) when the build is stopped. The first look finds no scan of the build; the scan launched late is
     * found by its title and removed when the same ending comes again through DiscardScansAgainQueue (5 minutes later in
     * AWS, 90 s after the first here).
     */
    @Test
    void aScanLaunchedAfterDiscardScansLookedIsRemovedByItsSecondLook() {
        String ref = "scan/" + System.currentTimeMillis() / 1000 + "." + (10000 + new java.util.Random().nextInt(80000));
        aws.qualys(QualysFake.Options.defaults().withScanRef(ref).withSlowAddIp(Duration.ofSeconds(40)));
        KeptScans scans = KeptScans.of(aws);
        String product = "LateScan" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        endings.enableFor("SweepEndedExecutionFunction", KeptScans.DISCARD);
        endings.queueDelayCap(Duration.ofSeconds(90)); // after the late launch, whatever Start Scan's cold start
        try {
            String arn = startBuild("late-scan", product);
            awaitState(arn, "Start Scan", Duration.ofMinutes(4));
            sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Aborted").cause("stopped while scanning"));

            ExecutionEndings.Delivery first = awaitDelivery(arn, KeptScans.DISCARD, false, Duration.ofSeconds(60));
            assertThat(first.answer().error()).as(first.answer().payloadText()).isFalse();
            assertThat(Json.read(first.answer().payloadText()).path("owner").asText()).startsWith("build execution late-scan-");
            assertThat(Json.read(first.answer().payloadText()).at("/removed/qualys").isArray()).as(first.answer().payloadText()).isTrue();
            assertThat(Json.read(first.answer().payloadText()).at("/removed/qualys")).as("the scan was not launched yet").isEmpty();
            ExecutionEndings.Delivery second = awaitDelivery(arn, KeptScans.DISCARD, true, Duration.ofSeconds(150));
            assertThat(second.answer().error()).as(second.answer().payloadText()).isFalse();
            assertThat(Json.read(second.answer().payloadText()).at("/removed/qualys").toString()).as("the scan launched late")
                    .isEqualTo("[\"" + ref + "\"]");
            assertThat(scans.added(aws)).as("scans of the stopped build left at Qualys").isEmpty();
            awaitDelivery(arn, "SweepEndedExecutionFunction", true, Duration.ofSeconds(30));
            assertThat(tagged(arn)).as("images, snapshots and live instances of the stopped build").isEmpty();
        } finally {
            endings.enableFor("SweepEndedExecutionFunction");
            endings.queueDelayCap(ExecutionEndings.QUEUE_DELAY_CAP);
            aws.qualys(QualysFake.Options.defaults());
        }
    }

    /** Starts a build of {@code product} (version 1) from the emulator's Amazon Linux image; its execution is named {@code prefix-<uuid>}. */
    private String startBuild(String prefix, String product) {
        String sourceAmi;
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            sourceAmi = LocalImages.amazonLinux(ec2);
        }
        try (Builds builds = new Builds(aws)) {
            return builds.start(prefix + "-" + UUID.randomUUID(), Map.of("sourceAmiId", sourceAmi, "productName", product,
                    "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1"));
        }
    }

    private void awaitState(String executionArn, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean entered = sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream()
                    .anyMatch(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED && state.equals(e.stateEnteredEventDetails().name()));
            if (entered) {
                return;
            }
            Executions.pause();
        }
        throw new AssertionError(executionArn + " did not reach " + state + " within " + timeout);
    }

    private ExecutionEndings.Delivery awaitDelivery(String executionArn, Duration timeout) {
        return awaitDelivery(executionArn, "SweepEndedExecutionFunction", false, timeout);
    }

    /** The first delivery of the ending of {@code executionArn} to {@code function}, direct or ({@code queued}) through its queue. */
    private ExecutionEndings.Delivery awaitDelivery(String executionArn, String function, boolean queued, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var found = endings.deliveries().stream()
                    .filter(d -> d.executionArn().equals(executionArn) && d.function().equals(function) && d.queued() == queued).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Executions.pause();
        }
        throw new AssertionError("no " + (queued ? "queued " : "") + "delivery of the status change of " + executionArn + " to "
                + function + " within " + timeout + ": " + endings.deliveries() + "; problems " + endings.problems());
    }

    /** Images, snapshots and live instances of the pipeline account carrying the execution's tag. */
    private List<String> tagged(String executionArn) {
        Filter tag = Filter.builder().name("tag:gilder:execution").values(executionArn).build();
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            return Stream.of(
                    ec2.describeImages(r -> r.owners("self").filters(tag)).images().stream().map(i -> "image " + i.imageId()),
                    ec2.describeSnapshots(r -> r.ownerIds("self").filters(tag)).snapshots().stream().map(s -> "snapshot " + s.snapshotId()),
                    ec2.describeInstances(r -> r.filters(tag)).reservations().stream().flatMap(r -> r.instances().stream())
                            .filter(i -> !"terminated".equals(i.state().nameAsString()) && !"shutting-down".equals(i.state().nameAsString()))
                            .map(i -> "instance " + i.instanceId()))
                    .flatMap(s -> s).toList();
        }
    }
}
