package io.gilder.build.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import jakarta.inject.Named;
import java.util.List;

/**
 * Target of the EventBridge rule on Step Functions' "Execution Status Change" events (FAILED, ABORTED, TIMED_OUT) of
 * Gilder's state machines: cleans up after endings no Catch sees ({@link EndedExecutionSweep}).
 */
@Named("sweep-ended-execution")
public class SweepEndedExecutionHandler implements RequestHandler<SweepEndedExecutionHandler.Event, SweepReport> {

    /** The EventBridge event; only {@code detail} is read. */
    public record Event(Detail detail) {}

    /** The fields of Step Functions' status-change event this handler reads. */
    public record Detail(String executionArn, String stateMachineArn, String status, String error) {}

    private final EndedExecutionSweep sweep;

    SweepEndedExecutionHandler(EndedExecutionSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public SweepReport handleRequest(Event event, Context context) {
        Detail detail = event == null ? null : event.detail();
        if (detail == null || detail.executionArn() == null || !detail.executionArn().startsWith("arn:")) {
            throw new InvalidRequestException("ended-execution event", List.of(new FieldProblem("detail.executionArn",
                    "is required: this function takes Step Functions' Execution Status Change events")));
        }
        return sweep.sweep(detail.executionArn(), detail.status(), detail.error());
    }
}
