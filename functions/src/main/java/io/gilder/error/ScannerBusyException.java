package io.gilder.error;

/** The scanner turned a request away because of its concurrency or rate limit (Qualys HTTP 409, codes 1920/1960/1965): retry later. Any wait hint the scanner gave is in the message, for information only. */
public final class ScannerBusyException extends RetryableException {

    public ScannerBusyException(String message) {
        super(message, null);
    }
}
