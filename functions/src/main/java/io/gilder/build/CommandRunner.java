package io.gilder.build;


/**
 * Runs shell commands on managed instances (SSM Run Command). Every method throws a
 * {@link io.gilder.error.GilderException} when the call itself fails (retryable or terminal).
 */
public interface CommandRunner {

    /** @return whether the instance's SSM agent is registered and reports {@code Online}; false when unknown */
    boolean isManaged(String instanceId);

    /**
     * Starts the command, or returns the id of the command already sent to the same instance with
     * the same comment (so a retried send never runs a step twice).
     *
     * @return the command id
     */
    String send(ShellCommand command);

    /** @return how the command stands on the instance; {@code Pending} while SSM has not yet recorded it */
    CommandOutcome outcome(String commandId, String instanceId);
}
