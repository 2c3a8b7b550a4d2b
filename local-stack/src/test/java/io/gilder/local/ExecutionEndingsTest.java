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
        String sourceAmi;
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            sourceAmi = LocalImages.amazonLinux(ec2);
        }
        String product = "Aborted" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        String arn;
        try (Builds builds = new Builds(aws)) {
            arn = builds.start("aborted-" + UUID.randomUUID(), Map.of("sourceAmiId", sourceAmi, "productName", product,
                    "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1"));
        }
        awaitState(arn, "Launch Test Instance", Duration.ofMinutes(3));
        assertThat(tagged(arn)).as("the candidate image and its snapshot exist").isNotEmpty();

        endings.queueDelayCap(Duration.ofSeconds(30)); // room for the launch in flight to finish before the second sweep
        sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Aborted").cause("the wrong source image"));

        ExecutionEndings.Delivery delivery = awaitDelivery(arn, Duration.ofSeconds(90));
        assertThat(delivery.status()).isEqualTo("ABORTED");
        assertThat(delivery.function()).isEqualTo("SweepEndedExecutionFunction");
        assertThat(delivery.answer().error()).as(delivery.answer().payloadText()).isFalse();
        assertThat(Json.read(delivery.answer().payloadText()).path("removed").path("deletedImages")).isNotEmpty();
        assertThat(aws.inbox().await(m -> m.text().contains(arn) && m.text().contains("ended ABORTED"), Duration.ofSeconds(10)))
                .as("the notice says what was removed and why").isPresent();
        // "Launch Test Instance" may still have been in flight (the execution is ABORTED at once, as in AWS): what it made
        // after the first sweep is the second's.
        try {
            awaitQueuedDelivery(arn);
        } finally {
            endings.queueDelayCap(ExecutionEndings.QUEUE_DELAY_CAP);
        }
        assertThat(tagged(arn)).as("images, snapshots and live instances of the aborted execution").isEmpty();
    }

    private ExecutionEndings.Delivery awaitQueuedDelivery(String arn) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (endings.deliveries().stream().noneMatch(d -> d.executionArn().equals(arn) && d.queued()) && System.nanoTime() < deadline) {
            pause();
        }
        ExecutionEndings.Delivery again = endings.deliveries().stream().filter(d -> d.executionArn().equals(arn) && d.queued())
                .findFirst().orElseThrow(() -> new AssertionError("no second sweep of " + arn + ": " + endings.deliveries()
                        + "; problems " + endings.problems()));
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
        String sourceAmi;
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            sourceAmi = LocalImages.amazonLinux(ec2);
        }
        String product = "InFlight" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        endings.queueDelayCap(Duration.ofSeconds(30));
        aws.faults().slow("ec2:CreateImage", Duration.ofSeconds(15));
        try {
            String arn;
            try (Builds builds = new Builds(aws)) {
                arn = builds.start("in-flight-" + UUID.randomUUID(), Map.of("sourceAmiId", sourceAmi, "productName", product,
                        "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1"));
            }
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

    private void awaitState(String executionArn, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean entered = sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events().stream()
                    .anyMatch(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED && state.equals(e.stateEnteredEventDetails().name()));
            if (entered) {
                return;
            }
            pause();
        }
        throw new AssertionError(executionArn + " did not reach " + state + " within " + timeout);
    }

    private ExecutionEndings.Delivery awaitDelivery(String executionArn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var found = endings.deliveries().stream().filter(d -> d.executionArn().equals(executionArn) && !d.queued()).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            pause();
        }
        throw new AssertionError("EventBridge delivered no status change of " + executionArn + " within " + timeout
                + "; problems " + endings.problems());
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

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
