package io.gilder.start;

/** Starts executions of the stack's build state machine. */
public interface BuildLauncher {

    /** The ARN the execution named {@code name} has (or will have). */
    String executionArn(String name);

    /**
     * Starts the execution {@code name} with {@code inputJson}.
     *
     * @throws io.gilder.error.InvalidRequestException when an execution of that name exists already
     */
    void start(String name, String inputJson);
}
