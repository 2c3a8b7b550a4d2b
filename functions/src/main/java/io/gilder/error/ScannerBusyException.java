package io.gilder.error;

/**
 * The scanner turned a request away because of its concurrency or rate limit (Qualys HTTP 409, codes
 * 1920/1960/1965; Tenable HTTP 429), or is not ready yet (a Tenable export still being written, Inspector
 * still enabling EC2 scanning): retry later. Any wait hint the scanner gave (Tenable's Retry-After) is in the
 * message, for information only: the state machine's Retry does the waiting.
 */
public final class ScannerBusyException extends RetryableException {

    public ScannerBusyException(String message) {
        super(message, null);
    }
}
