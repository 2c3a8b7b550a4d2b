package io.gilder.error;

/**
 * The scan ended, but the scanner's own answer does not prove that it scanned the test instance: no host was
 * alive, the target is missing from the results, the scan was canceled or partial, or the scanner reported a
 * state Gilder does not know. "No findings" counts only with that proof, so the build fails closed: no
 * approval is asked and the candidate is discarded. The message says what the scanner reported.
 */
public final class TargetNotScannedException extends TerminalException {

    public TargetNotScannedException(String message) {
        super(message);
    }
}
