package io.gilder.error;

/** An AWS call failed in a way retrying will not fix (access denied, bad parameter, ...). */
public final class AwsCallFailedException extends TerminalException {

    public AwsCallFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
