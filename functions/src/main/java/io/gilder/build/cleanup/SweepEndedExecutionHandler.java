package io.gilder.build.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gilder.error.AwsTransientException;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.flow.QueuedEvent;
import jakarta.inject.Named;
import java.util.List;

/**
 * Target of the EventBridge rule on Step Functions' "Execution Status Change" events (FAILED, ABORTED, TIMED_OUT) of
 * Gilder's state machines: cleans up after endings no Catch sees ({@link EndedExecutionSweep}). The same ending comes a
 * second time 5 minutes later from {@code SweepAgainQueue} (an SQS message whose body is the event), for what a task still
 * in flight at the ending made after the first sweep. After that second sweep of a started build that ended where no Catch
 * runs, it puts the "Golden AMI Build Failed" event the build machine could not ({@link UncaughtBuildEnding}).
 */
@Named("sweep-ended-execution")
public class SweepEndedExecutionHandler implements RequestHandler<SweepEndedExecutionHandler.Event, SweepReport> {

    /** The EventBridge event (only {@code detail} is read), or an SQS batch of one message whose body is that event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(Detail detail, @JsonProperty("Records") List<QueuedEvent.Message> records) {
        public Event(Detail detail) {
            this(detail, null);
        }
    }

    /** The fields of Step Functions' status-change event this handler reads; {@code input}: the execution's, as JSON text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String executionArn, String stateMachineArn, String status, String error, String input) {
        public Detail(String executionArn, String stateMachineArn, String status, String error) {
            this(executionArn, stateMachineArn, status, error, null);
        }
    }

    private final EndedExecutionSweep sweep;
    private final UncaughtBuildEnding builds;
    private final LifecycleAnnouncer announcer;

    SweepEndedExecutionHandler(EndedExecutionSweep sweep, UncaughtBuildEnding builds, LifecycleAnnouncer announcer) {
        this.sweep = sweep;
        this.builds = builds;
        this.announcer = announcer;
    }

    @Override
    public SweepReport handleRequest(Event event, Context context) {
        Event ending = event != null && event.records() != null
                ? QueuedEvent.unwrap(event.records(), Event.class, "ended-execution message")
                : event;
        Detail detail = ending == null ? null : ending.detail();
        if (detail == null || detail.executionArn() == null || !detail.executionArn().startsWith("arn:")) {
            throw new InvalidRequestException("ended-execution event", List.of(new FieldProblem("detail.executionArn",
                    "is required: this function takes Step Functions' Execution Status Change events")));
        }
        SweepReport report = sweep.sweep(detail.executionArn(), detail.status(), detail.error());
        if (ending == event || !report.keptImages().isEmpty()) {
            // Announced by the second pass only, once both passes removed what the build made; and never for a build that
            // registered its golden image before it ended ("Golden AMI Registered" was its last word).
            return report;
        }
        var failure = builds.of(detail.executionArn(), detail.stateMachineArn(), detail.status(), detail.error(), detail.input());
        if (failure.isEmpty()) {
            return report;
        }
        if (!announcer.buildFailed(failure.get())) {
            // The message is received again (and after three tries kept in the dead-letter queue, whose alarm fires).
            throw new AwsTransientException("EventBridge did not take \"Golden AMI Build Failed\" of " + detail.executionArn(), null);
        }
        return report.withAnnounced("Golden AMI Build Failed");
    }
}
