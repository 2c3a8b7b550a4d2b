package io.gilder.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.flow.FailureReason.Failure;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void aStateCauseIsKeptAsWritten() {
        assertThat(FailureReason.describe(new Failure("Gilder.ImageDenied", "Denied by jane at 2025-05-01T10:00:00Z: old kernel")))
                .isEqualTo("ImageDenied: Denied by jane at 2025-05-01T10:00:00Z: old kernel");
    }

    @Test
    void aLambdaErrorShowsOnlyItsMessage() {
        String cause = "{\"errorMessage\":\"Gave up waiting for image ami-1 after 120 checks\","
                + "\"errorType\":\"io.gilder.error.WaitTimedOutException\",\"stackTrace\":[\"a.b(C.java:1)\"]}";

        assertThat(FailureReason.describe(new Failure("io.gilder.error.WaitTimedOutException", cause)))
                .isEqualTo("WaitTimedOutException: Gave up waiting for image ami-1 after 120 checks");
    }

    @Test
    void oddOrMissingCausesStillReadWell() {
        assertThat(FailureReason.describe(new Failure("States.Timeout", null))).isEqualTo("Timeout");
        assertThat(FailureReason.describe(new Failure("States.TaskFailed", "{not json"))).isEqualTo("TaskFailed: {not json");
        assertThat(FailureReason.describe(null)).contains("unknown failure");
        assertThat(FailureReason.describe(new Failure(null, "boom"))).isEqualTo("Error: boom");
    }
}
