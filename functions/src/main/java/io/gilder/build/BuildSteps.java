package io.gilder.build;


/** Starts a build step on the builder instance; a step with nothing to run is skipped without any call. */
public final class BuildSteps {

    private final CommandRunner commands;

    public BuildSteps(CommandRunner commands) {
        this.commands = commands;
    }

    public StepCommand start(String executionArn, String instanceId, BuildStep step, BuildRequest request) {
        return BuildCommands.linesFor(step, request)
                .map(lines -> new StepCommand(commands.send(new ShellCommand(instanceId,
                        BuildCommands.comment(executionArn, step), lines, BuildCommands.STEP_TIMEOUT_SECONDS)),
                        step.label(), false))
                .orElseGet(() -> new StepCommand(null, step.label(), true));
    }
}
