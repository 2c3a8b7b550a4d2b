package io.gilder.error;

/**
 * Some targets of a distribution failed; the message names each with its reason. What succeeded is
 * recorded; re-running the same distribution finishes the rest (every step is idempotent).
 */
public final class DistributionIncompleteException extends TerminalException {

    public DistributionIncompleteException(String message) {
        super(message);
    }
}
