package io.gilder.instance;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.util.List;
import java.util.Locale;

/** What a {@code check-instance} loop waits for. */
public enum InstanceCondition {
    /** Running and its SSM agent reports {@code Online}: build steps can be sent. */
    MANAGED,
    /** Running with both the instance and the system status check {@code ok}: it can be scanned. */
    READY,
    /** Stopped: its volumes can be captured consistently. */
    STOPPED,
    /** Terminated, or no longer known to EC2. */
    TERMINATED;

    /** @throws InvalidRequestException when {@code value} is not managed, ready, stopped or terminated */
    public static InstanceCondition of(String value) {
        for (InstanceCondition condition : values()) {
            if (condition.label().equals(value)) {
                return condition;
            }
        }
        throw new InvalidRequestException("Invalid check-instance input",
                List.of(new FieldProblem("until", "must be managed, ready, stopped or terminated, not " + value)));
    }

    /** The name used in state machine inputs, e.g. {@code managed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
