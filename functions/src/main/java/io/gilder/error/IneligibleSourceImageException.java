package io.gilder.error;

/** The source AMI cannot be the base of a golden image (unknown, not EBS-backed, not available, Windows). */
public final class IneligibleSourceImageException extends TerminalException {

    public IneligibleSourceImageException(String message) {
        super(message);
    }
}
