package io.gilder.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Turns what a state machine's Catch recorded into a sentence for people. A Lambda error's
 * {@code Cause} is the runtime's JSON ({@code errorMessage}, {@code errorType}, {@code stackTrace}):
 * only the message is kept; a state's own {@code Cause} (e.g. "Denied by jane ...") is kept as is.
 */
public final class FailureReason {

    /** A Catch's {@code ResultPath} value; JSON keys {@code Error} and {@code Cause}. */
    public record Failure(String error, String cause) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureReason() {}

    /** E.g. {@code ImageDenied: Denied by jane at 2025-05-01T10:00:00Z: outdated kernel}. */
    public static String describe(Failure failure) {
        if (failure == null || (blank(failure.error()) && blank(failure.cause()))) {
            return "unknown failure (no error was recorded)";
        }
        String error = blank(failure.error()) ? "Error" : shortName(failure.error());
        String cause = blank(failure.cause()) ? "" : message(failure.cause().strip());
        return cause.isEmpty() ? error : error + ": " + cause;
    }

    /**
     * The message of a Catch's {@code Cause} (a Lambda error's {@code errorMessage}, else the text as it is), cut to
     * {@code max} characters; {@code null} stays {@code null}.
     */
    public static String shortCause(String cause, int max) {
        if (cause == null) {
            return null;
        }
        String message = message(cause.strip());
        return message.length() <= max ? message : message.substring(0, max - 1) + "…";
    }

    private static String message(String cause) {
        if (cause.startsWith("{")) {
            try {
                JsonNode message = JSON.readTree(cause).get("errorMessage");
                if (message != null && message.isTextual()) {
                    return message.asText();
                }
            } catch (IOException e) {
                // not JSON after all: show it as it is
            }
        }
        return cause;
    }

    /** {@code io.gilder.error.WaitTimedOutException} → {@code WaitTimedOutException}; {@code Gilder.ImageDenied} → {@code ImageDenied}. */
    private static String shortName(String error) {
        return error.substring(error.lastIndexOf('.') + 1);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
