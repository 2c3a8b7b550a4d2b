package io.gilder.error;

/** An error that the same input would raise again: the state machines never retry these. */
public abstract non-sealed class TerminalException extends GilderException {

    protected TerminalException(String message) {
        super(message);
    }

    protected TerminalException(String message, Throwable cause) {
        super(message, cause);
    }
}
