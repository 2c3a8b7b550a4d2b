package io.gilder.flow;

import io.gilder.error.WaitTimedOutException;

/**
 * One turn of a Wait → Check → Choice loop in a state machine. The check handler reports whether
 * the awaited condition holds and counts its attempts; the loop ends with a named error once the
 * count passes its bound, so no wait runs forever and no handler ever sleeps.
 *
 * @param done    the awaited condition holds
 * @param attempt how many checks have run, this one included
 */
public record WaitProgress(boolean done, int attempt) {

    /**
     * @param previousAttempt the attempt count carried by the loop (0 before the first check)
     * @param maxAttempts     bound of the loop
     * @param done            whether this check found the condition holding
     * @param awaited         what the loop waits for, e.g. "image ami-123 to become available"
     * @throws WaitTimedOutException when this is check number {@code maxAttempts} and the condition still does not hold
     */
    public static WaitProgress after(int previousAttempt, int maxAttempts, boolean done, String awaited) {
        int attempt = previousAttempt + 1;
        if (!done && attempt >= maxAttempts) {
            throw new WaitTimedOutException("Gave up waiting for " + awaited + " after " + attempt + " checks");
        }
        return new WaitProgress(done, attempt);
    }
}
