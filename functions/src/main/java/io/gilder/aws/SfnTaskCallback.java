package io.gilder.aws;

import io.gilder.approval.TaskCallback;
import io.gilder.approval.TaskCallback.Delivery;
import io.gilder.error.ApprovalTaskClosedException;
import io.gilder.error.AwsCallFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers waiting tasks with Step Functions {@code SendTaskSuccess}, and settles an uncertain answer by reading the
 * execution ({@code DescribeExecution}, {@code GetExecutionHistory} newest first, without execution data: the events'
 * types tell it, and this public-facing function never reads inputs that hold task tokens). Service error messages can
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

    /** How many pages of history (1,000 events each, newest first) are read to settle a delivery; approval comes early in a build. */
    static final int MAX_HISTORY_PAGES = 5;
    private static final String WAIT_FOR_TOKEN = ".waitForTaskToken";

    @Override
    public Delivery delivery(String executionArn) {
        DescribeExecutionResponse execution;
        try {
            execution = AwsCall.run("Step Functions DescribeExecution", () -> sfn.describeExecution(r -> r.executionArn(executionArn)));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ExecutionDoesNotExistException) {
                return new Delivery.Ended("the build's execution no longer exists");
            }
            throw e;
        }
        boolean running = execution.status() == ExecutionStatus.RUNNING;
        String ended = "the build ended: " + execution.statusAsString();
        // The newest event of the approval task decides. Pages come newest first, but the newest is chosen by event
        // id rather than by position, so that an emulator that ignores reverseOrder reads the same.
        HistoryEvent newest = null;
        String next = null;
        for (int page = 0; page < MAX_HISTORY_PAGES; page++) {
            String from = next;
            GetExecutionHistoryResponse history = AwsCall.run("Step Functions GetExecutionHistory", () -> sfn.getExecutionHistory(r -> r
                    .executionArn(executionArn).reverseOrder(true).maxResults(1000).includeExecutionData(false).nextToken(from)));
            for (HistoryEvent event : history.events()) {
                if (approvalTask(event, running, ended) != null && (newest == null || event.id() > newest.id())) {
                    newest = event;
                }
            }
            next = history.nextToken();
            if (newest != null || next == null) {
                break;
            }
        }
        if (newest == null) {
            return running ? new Delivery.Waiting() : new Delivery.Ended(ended);
        }
        return approvalTask(newest, running, ended);
    }

    /** What the newest event of the approval task says, or null when {@code event} is not one of its. */
    private static Delivery approvalTask(HistoryEvent event, boolean running, String ended) {
        if (event.taskSucceededEventDetails() != null && waitsForToken(event.taskSucceededEventDetails().resource())) {
            // Only the winner of the approval's one conditional decision ever holds the token: any answer is this one.
            return new Delivery.Delivered();
        }
        if (event.taskTimedOutEventDetails() != null && waitsForToken(event.taskTimedOutEventDetails().resource())) {
            return new Delivery.Ended("the approval wait timed out");
        }
        if (event.taskFailedEventDetails() != null && waitsForToken(event.taskFailedEventDetails().resource())) {
            return new Delivery.Ended("the approval task failed: " + event.taskFailedEventDetails().error());
        }
        boolean waiting = event.taskSubmittedEventDetails() != null && waitsForToken(event.taskSubmittedEventDetails().resource())
                || event.taskStartedEventDetails() != null && waitsForToken(event.taskStartedEventDetails().resource())
                || event.taskScheduledEventDetails() != null && waitsForToken(event.taskScheduledEventDetails().resource());
        if (waiting) {
            return running ? new Delivery.Waiting() : new Delivery.Ended(ended);
        }
        return null;
    }

    /** The build has one callback task, Request Approval ({@code lambda:invoke.waitForTaskToken}). */
    private static boolean waitsForToken(String resource) {
        return resource != null && resource.endsWith(WAIT_FOR_TOKEN);
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
