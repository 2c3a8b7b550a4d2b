package io.gilder.error;

/** A request names a scanner Gilder has no adapter for. */
public final class UnknownScannerException extends TerminalException {

    public UnknownScannerException(String message) {
        super(message);
    }
}
