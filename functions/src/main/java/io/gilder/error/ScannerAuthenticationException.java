package io.gilder.error;

/** The scanner rejected Gilder's API credentials, or the credentials secret is unusable. The message never holds the credentials. */
public final class ScannerAuthenticationException extends TerminalException {

    public ScannerAuthenticationException(String message) {
        super(message);
    }
}
