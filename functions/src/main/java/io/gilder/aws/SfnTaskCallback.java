package io.gilder.aws;

import io.gilder.approval.TaskCallback;
import io.gilder.error.ApprovalTaskClosedException;
import io.gilder.error.AwsCallFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers waiting tasks with Step Functions {@code SendTaskSuccess}. Service error messages can
 * echo the request (a validation error quotes the token), so they are replaced by the error code
 * before anything can log them.
 */
@ApplicationScoped
public class SfnTaskCallback implements TaskCallback {

    private final SfnClient sfn;

    @Inject
    public SfnTaskCallback(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        try {
            AwsCall.run("Step Functions SendTaskSuccess",
                    withoutServiceMessage(() -> sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output(outputJson))));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof TaskTimedOutException || e.getCause() instanceof TaskDoesNotExistException
                    || e.getCause() instanceof InvalidTokenException) {
                throw new ApprovalTaskClosedException("The approval task no longer waits for a decision ("
                        + AwsCall.errorCode((AwsServiceException) e.getCause()) + ")");
            }
            throw e;
        }
    }

    /** Runs {@code call}, rethrowing a service error as the same exception type with only its code as the message. */
    static <T> Supplier<T> withoutServiceMessage(Supplier<T> call) {
        return () -> {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                String code = AwsCall.errorCode(e);
                String message = (code.isEmpty() ? "HTTP " + e.statusCode() : code) + " (service message withheld)";
                AwsErrorDetails details = e.awsErrorDetails() == null ? AwsErrorDetails.builder().errorCode(code).build()
                        : e.awsErrorDetails().toBuilder().errorMessage(message).rawResponse(null).build();
                throw e.toBuilder().message(message).awsErrorDetails(details).cause(null).build();
            }
        };
    }
}
