package io.gilder.error;

/** The normalized findings of a scan are not in the evidence store (collect-findings did not run for this scan). */
public final class FindingsNotFoundException extends TerminalException {

    public FindingsNotFoundException(String message) {
        super(message);
    }
}
