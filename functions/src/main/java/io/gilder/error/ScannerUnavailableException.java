package io.gilder.error;

/** The scanner could not be reached or answered with a server error (5xx, time-out): retry later. */
public final class ScannerUnavailableException extends RetryableException {

    public ScannerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
