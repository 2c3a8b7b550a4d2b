package io.gilder.error;

/** A Wait → Check → Choice loop reached its bound of attempts; the message says what it waited for. */
public final class WaitTimedOutException extends TerminalException {
    public WaitTimedOutException(String message) {
        super(message);
    }
}
