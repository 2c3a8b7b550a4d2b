package io.gilder.approval;

/** Answers a Step Functions task that waits for a task token ({@code .waitForTaskToken}). */
public interface TaskCallback {

    /**
     * Ends the waiting task successfully with {@code outputJson} as its result.
     *
     * @throws io.gilder.error.ApprovalTaskClosedException when the task no longer waits (timed out,
     *         execution ended, token unknown): the answer came too late and changes nothing
     * @throws io.gilder.error.RetryableException when Step Functions could not be reached; the task still waits
     */
    void succeed(String taskToken, String outputJson);
}
