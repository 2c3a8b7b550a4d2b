package io.gilder.error;

/** The scanner refused a request (unknown option profile or appliance, missing permission, ...); the message holds the scanner's error code and text. */
public final class ScannerRejectedException extends TerminalException {

    public ScannerRejectedException(String message) {
        super(message);
    }
}
