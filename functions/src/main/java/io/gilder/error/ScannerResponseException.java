package io.gilder.error;

/** The scanner answered with something Gilder cannot read (malformed XML or JSON, missing elements); the message names the endpoint. */
public final class ScannerResponseException extends TerminalException {

    public ScannerResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
