package io.gilder.error;

/**
 * A build step's command ended without success (failed, cancelled or timed out). The message names
 * the step, the instance, the status, the exit code and the last lines of the command's output.
 */
public final class BuildCommandFailedException extends TerminalException {

    public BuildCommandFailedException(String message) {
        super(message);
    }
}
