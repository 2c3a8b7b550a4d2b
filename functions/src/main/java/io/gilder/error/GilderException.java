package io.gilder.error;

/**
 * Base of every error a Gilder handler raises on purpose.
 *
 * <p>Step Functions sees a Java Lambda error under the exception's fully-qualified class name
 * (the Lambda runtime reports {@code errorType = getClass().getName()}), so the state machines
 * name these classes in {@code ErrorEquals}, e.g. {@code "io.gilder.error.InvalidRequestException"}.
 * Subclasses are either {@link TerminalException terminal} (retrying cannot help) or
 * {@link RetryableException retryable}.
 */
public abstract sealed class GilderException extends RuntimeException
        permits TerminalException, RetryableException {

    protected GilderException(String message) {
        super(message);
    }

    protected GilderException(String message, Throwable cause) {
        super(message, cause);
    }
}
