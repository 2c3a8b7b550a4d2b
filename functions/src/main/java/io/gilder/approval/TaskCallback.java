package io.gilder.approval;

/** Answers a Step Functions task that waits for a task token ({@code .waitForTaskToken}), and tells whether an answer arrived. */
public interface TaskCallback {

    /**
     * Ends the waiting task successfully with {@code outputJson} as its result.
     *
     * @throws io.gilder.error.ApprovalTaskClosedException when the task no longer waits (timed out, answered,
     *         execution ended, token unknown)
     * @throws io.gilder.error.RetryableException when Step Functions could not be reached: the answer may or may not
     *         have arrived
     */
    void succeed(String taskToken, String outputJson);

    /**
     * Where this execution's approval answer stands, read from the execution itself (only the winner of the
     * approval's single decision holds the token, so an answer that arrived is this one): how an uncertain
     * {@link #succeed} is settled (never by guessing, never by reopening the approval).
     *
     * @throws io.gilder.error.RetryableException when Step Functions could not be reached
     */
    Delivery delivery(String executionArn);

    /** What the execution's history says of one approval answer. */
    sealed interface Delivery {

        /** The approval task ended with this answer: the build went on with it. */
        record Delivered() implements Delivery {}

        /** The execution runs and its approval task still waits: the answer did not arrive. */
        record Waiting() implements Delivery {}

        /** The approval task or the execution ended without this answer; {@code how} says how, for the approver. */
        record Ended(String how) implements Delivery {}
    }
}
