package io.gilder.build.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import jakarta.inject.Named;
import java.util.List;

/**
 * Target of the EventBridge rule on Step Functions' "Execution Status Change" events (FAILED, ABORTED, TIMED_OUT) of
 * Gilder's state machines: cleans up after endings no Catch sees ({@link EndedExecutionSweep}). The same ending comes a
 * second time 5 minutes later from {@code SweepAgainQueue} (an SQS message whose body is the event), for what a task still
 * in flight at the ending made after the first sweep.
 */
@Named("sweep-ended-execution")
public class SweepEndedExecutionHandler implements RequestHandler<SweepEndedExecutionHandler.Event, SweepReport> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The EventBridge event (only {@code detail} is read), or an SQS batch of one message whose body is that event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(Detail detail, @JsonProperty("Records") List<Message> records) {
        public Event(Detail detail) {
            this(detail, null);
        }
    }

    /** The fields of Step Functions' status-change event this handler reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Detail(String executionArn, String stateMachineArn, String status, String error) {}

    /** An SQS message; only its body is read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String body) {}

    private final EndedExecutionSweep sweep;

    SweepEndedExecutionHandler(EndedExecutionSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public SweepReport handleRequest(Event event, Context context) {
        Event ending = event != null && event.records() != null ? fromQueue(event.records()) : event;
        Detail detail = ending == null ? null : ending.detail();
        if (detail == null || detail.executionArn() == null || !detail.executionArn().startsWith("arn:")) {
            throw new InvalidRequestException("ended-execution event", List.of(new FieldProblem("detail.executionArn",
                    "is required: this function takes Step Functions' Execution Status Change events")));
        }
        return sweep.sweep(detail.executionArn(), detail.status(), detail.error());
    }

    /** The event in the one message of a batch (the queue's event source mapping has {@code BatchSize: 1}). */
    private static Event fromQueue(List<Message> records) {
        if (records.size() != 1 || records.get(0) == null || records.get(0).body() == null) {
            throw new InvalidRequestException("ended-execution message", List.of(new FieldProblem("Records",
                    "must hold exactly one message with a body (BatchSize 1), not " + records.size())));
        }
        try {
            return JSON.readValue(records.get(0).body(), Event.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("ended-execution message", List.of(new FieldProblem("Records[0].body",
                    "is not a Step Functions status-change event: " + e.getOriginalMessage())));
        }
    }
}
