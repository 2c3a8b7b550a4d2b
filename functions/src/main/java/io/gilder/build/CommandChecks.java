package io.gilder.build;

import io.gilder.error.BuildCommandFailedException;
import io.gilder.flow.WaitProgress;

/** One turn of the wait loop on a build step's command; reads only. */
public final class CommandChecks {

    private final CommandRunner commands;
    private final int maxAttempts;

    public CommandChecks(CommandRunner commands, int maxAttempts) {
        this.commands = commands;
        this.maxAttempts = maxAttempts;
    }

    /**
     * @param commandId the step's command, {@code null} for a skipped step (done at once, no call)
     * @throws BuildCommandFailedException when the command failed, was cancelled or timed out
     * @throws io.gilder.error.WaitTimedOutException when this check reaches the loop's bound unfinished
     */
    public WaitProgress check(String commandId, String instanceId, String step, int previousAttempt) {
        if (commandId == null) {
            return new WaitProgress(true, previousAttempt + 1);
        }
        CommandOutcome outcome = commands.outcome(commandId, instanceId);
        if (outcome.failed()) {
            throw new BuildCommandFailedException(outcome.describeFailure(step, instanceId));
        }
        return WaitProgress.after(previousAttempt, maxAttempts, outcome.succeeded(),
                "build step " + step + " (command " + commandId + " on " + instanceId + ") to finish");
    }
}
