package io.gilder.error;

/**
 * The approval task no longer waits for an answer (it timed out, or its execution ended), so a
 * decision made now has no effect. The message never holds the task token.
 */
public final class ApprovalTaskClosedException extends TerminalException {

    public ApprovalTaskClosedException(String message) {
        super(message);
    }
}
