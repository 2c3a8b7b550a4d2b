package io.gilder.error;

/** An AWS call was throttled or met a server-side error after the SDK's own retries: retry later. */
public final class AwsTransientException extends RetryableException {

    public AwsTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
