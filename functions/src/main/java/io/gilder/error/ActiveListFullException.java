package io.gilder.error;

/**
 * Adding an image would make {@code /GoldenAMI/latest} longer than its parameter can hold (4096 characters in the
 * Standard tier, 8192 in Advanced): nothing was written. Retire or decommission old versions, then run again.
 */
public final class ActiveListFullException extends TerminalException {

    public ActiveListFullException(String message) {
        super(message);
    }
}
