package io.gilder.error;

/** The scan ended without results (the scanner reported an error, or it was canceled); the message names the scan and its state. */
public final class ScanFailedException extends TerminalException {

    public ScanFailedException(String message) {
        super(message);
    }
}
