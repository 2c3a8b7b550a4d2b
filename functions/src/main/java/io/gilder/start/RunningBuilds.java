package io.gilder.start;

/** Whether a build execution is still running. */
public interface RunningBuilds {

    /** True while {@code executionArn} runs; false when it ended or does not exist. */
    boolean running(String executionArn);
}
