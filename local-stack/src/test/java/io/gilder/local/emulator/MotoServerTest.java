package io.gilder.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.Executions;
import io.gilder.local.LocalAws;
import io.gilder.local.LocalStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** Where the launcher corrects moto's Step Functions interpreter to behave as AWS does. */
@ExtendWith(LocalAws.class)
class MotoServerTest {

    private LocalStack aws;

    @AfterEach
    void tearDown() {
        if (aws != null) {
            aws.faults().reset();
        }
    }

    /**
     * A stop that lands while a task's call is in flight: the call fails after the stop. moto ended such an execution
     * FAILED (the failure, caught or not, overwrote the stop); AWS keeps it ABORTED with the stop's error.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"uncaught", "caught"})
    void anExecutionStoppedWhileATaskIsInFlightStaysAborted(String failure, LocalStack aws) throws InterruptedException {
        this.aws = aws;
        String missing = "/gilder-test/missing-" + UUID.randomUUID();
        String katch = failure.equals("caught") ? ",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Done\"}]" : "";
        try (SfnClient sfn = aws.client(SfnClient.builder())) {
            String machine = sfn.createStateMachine(r -> r.name("stop-in-flight-" + UUID.randomUUID().toString().substring(0, 8))
                    .roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/stop-test")
                    .definition("{\"StartAt\":\"Read\",\"TimeoutSeconds\":60,\"States\":{"
                            + "\"Read\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::aws-sdk:ssm:getParameter\","
                            + "\"Parameters\":{\"Name\":\"" + missing + "\"},\"Next\":\"Done\"" + katch + "},"
                            + "\"Done\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
            aws.faults().slow("ssm:GetParameter", Duration.ofSeconds(3));
            String arn = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
            awaitTaskScheduled(sfn, arn);

            sfn.stopExecution(r -> r.executionArn(arn).error("Operator.Stopped").cause("stopped while reading"));

            // ABORTED at once, as in AWS, while the task (held 3 s) is still in flight: that is when EventBridge announces it.
            assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(sfn.getExecutionHistory(r -> r.executionArn(arn)).events()).extracting(e -> e.type())
                    .doesNotContain(HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_FAILED);
            // And it stays ABORTED once the task returns (a failure after the stop does not make it FAILED).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (sfn.getExecutionHistory(r -> r.executionArn(arn)).events().stream()
                    .noneMatch(e -> e.type() == HistoryEventType.EXECUTION_ABORTED) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Executions.Result result = Executions.await(sfn, arn, Duration.ofSeconds(5));
            assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(sfn.getExecutionHistory(r -> r.executionArn(arn)).events()).extracting(e -> e.type())
                    .contains(HistoryEventType.EXECUTION_ABORTED).doesNotContain(HistoryEventType.EXECUTION_FAILED);
        }
    }

    private static void awaitTaskScheduled(SfnClient sfn, String arn) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (sfn.getExecutionHistory(r -> r.executionArn(arn)).events().stream()
                    .anyMatch(e -> e.type() == HistoryEventType.TASK_SCHEDULED)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(arn + " scheduled no task within 20 s");
    }
}
