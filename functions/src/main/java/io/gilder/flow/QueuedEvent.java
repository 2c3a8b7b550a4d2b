package io.gilder.flow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.util.List;

/**
 * An EventBridge event handed to a function a second time, later, through an SQS queue (an EventBridge rule targets the
 * queue; the function's event source mapping reads it with {@code BatchSize: 1}): the Lambda event is then a batch whose
 * one message's body is the EventBridge event. The clean-ups of ended executions take both shapes.
 */
public final class QueuedEvent {

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** An SQS message of the batch; only its body is read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String body) {}

    private QueuedEvent() {}

    /**
     * The event in the one message of {@code records}, read as {@code type}.
     *
     * @param what names the event in the refusal, e.g. {@code ended-execution message}
     * @throws InvalidRequestException naming {@code Records} when the batch does not hold exactly one message with a body,
     *                                 or {@code Records[0].body} when the body is not such an event
     */
    public static <T> T unwrap(List<Message> records, Class<T> type, String what) {
        if (records.size() != 1 || records.get(0) == null || records.get(0).body() == null) {
            throw new InvalidRequestException(what, List.of(new FieldProblem("Records",
                    "must hold exactly one message with a body (BatchSize 1), not " + (records.size() == 1 ? "a message without one"
                            : records.size() + " messages"))));
        }
        try {
            return JSON.readValue(records.get(0).body(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(what, List.of(new FieldProblem("Records[0].body",
                    "is not the EventBridge event the queue carries: " + e.getOriginalMessage())));
        }
    }
}
