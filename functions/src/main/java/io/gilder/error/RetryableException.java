package io.gilder.error;

/** An error that may pass on its own (throttling, a 5xx): the state machines retry these with back-off. */
public abstract non-sealed class RetryableException extends GilderException {

    protected RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
