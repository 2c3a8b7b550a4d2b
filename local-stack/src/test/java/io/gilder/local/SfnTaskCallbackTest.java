package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.approval.TaskCallback;
import io.gilder.aws.SfnTaskCallback;
import io.gilder.error.ApprovalTaskClosedException;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The task callback against the emulator's Step Functions interpreter: a task that waits for a
 * token (published to SNS, read back from the execution history) is answered, or found gone.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SfnTaskCallbackTest {

    private static final String ANSWER = "{\"decision\":\"APPROVED\",\"approver\":\"Ann\",\"comment\":null,\"decidedAt\":\"2025-03-01T12:00:00Z\"}";

    private SfnClient sfn;
    private String topicArn;
    private SfnTaskCallback callback;

    @BeforeAll
    void setUp(LocalStack aws) {
        sfn = aws.client(SfnClient.builder());
        topicArn = aws.deployment().ref("NotificationTopic");
        callback = new SfnTaskCallback(sfn);
    }

    @AfterAll
    void close() {
        sfn.close();
    }

    @Test
    void theAnswerBecomesTheWaitingTasksResult() {
        String execution = start(300);
        String token = tokenOf(execution);

        callback.succeed(token, ANSWER);

        DescribeExecutionResponse done = awaitEnd(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.read(done.output())).isEqualTo(Json.read(ANSWER));
    }

    @Test
    void aTaskThatTimedOutIsClosedAndTheTokenIsInNoMessage() {
        String execution = start(1);
        String token = tokenOf(execution);
        assertThat(awaitEnd(execution).status()).isEqualTo(ExecutionStatus.FAILED);

        assertThatThrownBy(() -> callback.succeed(token, ANSWER))
                .isInstanceOf(ApprovalTaskClosedException.class)
                .hasMessageNotContaining(token)
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(token));
    }

    @Test
    void theExecutionTellsWhetherAnAnswerArrived() {
        String answered = start(300);
        callback.succeed(tokenOf(answered), ANSWER);
        awaitEnd(answered);
        String waiting = start(300);
        tokenOf(waiting);
        String timedOut = start(1);
        tokenOf(timedOut);
        awaitEnd(timedOut);

        assertThat(callback.delivery(answered)).isEqualTo(new TaskCallback.Delivery.Delivered());
        assertThat(callback.delivery(waiting)).isEqualTo(new TaskCallback.Delivery.Waiting());
        assertThat(callback.delivery(timedOut)).isEqualTo(new TaskCallback.Delivery.Ended("the approval wait timed out"));

        // An execution aborted while waiting ("the build ended: ABORTED") is not tested here: moto keeps a callback
        // execution RUNNING after StopExecution.
        assertThat(callback.delivery(waiting.replaceFirst(":[^:]+$", ":no-such-run")))
                .isEqualTo(new TaskCallback.Delivery.Ended("the build's execution no longer exists"));
    }

    @Test
    void anUnknownTokenIsClosed() {
        String token = "AQC" + UUID.randomUUID().toString().repeat(4);

        assertThatThrownBy(() -> callback.succeed(token, ANSWER)).isInstanceOf(ApprovalTaskClosedException.class)
                .hasMessageNotContaining(token);
    }

    private String start(int timeoutSeconds) {
        String definition = """
                {"StartAt":"Wait For Answer","States":{"Wait For Answer":{"Type":"Task",
                 "Resource":"arn:aws:states:::sns:publish.waitForTaskToken",
                 "Parameters":{"TopicArn":"%s","Message.$":"$$.Task.Token"},"TimeoutSeconds":%d,"End":true}}}
                """.formatted(topicArn, timeoutSeconds);
        String machine = sfn.createStateMachine(r -> r.name("callback-" + UUID.randomUUID()).definition(definition)
                .roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/CallbackTestRole")).stateMachineArn();
        return sfn.startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
    }

    /** The token the task published, as the execution history records the task's parameters. */
    private String tokenOf(String execution) {
        return poll(() -> sfn.getExecutionHistory(r -> r.executionArn(execution)).events().stream()
                .filter(e -> e.taskScheduledEventDetails() != null).map(HistoryEvent::taskScheduledEventDetails)
                .map(d -> Json.read(d.parameters()).path("Message").asText(null)).filter(t -> t != null).findFirst());
    }

    private DescribeExecutionResponse awaitEnd(String execution) {
        return poll(() -> Optional.of(sfn.describeExecution(r -> r.executionArn(execution)))
                .filter(d -> d.status() != ExecutionStatus.RUNNING));
    }

    private static <T> T poll(Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("gave up after 30 s");
    }
}
