package io.gilder.aws;

import io.gilder.error.AwsCallFailedException;
import io.gilder.error.AwsTransientException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs one AWS call and turns an SDK failure that the adapter did not handle into Gilder's two
 * error kinds: retryable (throttled, 5xx, network) or terminal (everything else), with the
 * operation and AWS error code in the message.
 */
public final class AwsCall {

    /**
     * A service that uses KMS on the caller's behalf (SNS, SQS, EC2) passes KMS's throttling on as a 400 with its own code,
     * which the SDK does not count as throttling.
     */
    static final java.util.Set<String> KMS_THROTTLING = java.util.Set.of("KMSThrottling", "KMSThrottlingException", "KMS.ThrottlingException");

    private AwsCall() {}

    public static <T> T run(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = errorCode(e).isEmpty() ? "HTTP " + e.statusCode() : errorCode(e);
            String detail = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            String message = operation + " failed with " + code + ": " + detail;
            if (e.isThrottlingException() || e.statusCode() >= 500 || KMS_THROTTLING.contains(errorCode(e))) {
                throw new AwsTransientException(message, e);
            }
            throw new AwsCallFailedException(message, e);
        } catch (SdkClientException e) {
            throw new AwsTransientException(operation + " could not reach AWS: " + e.getMessage(), e);
        }
    }

    /** The AWS error code of {@code e}, or an empty string when AWS sent none. */
    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }
}
