package io.gilder.build;

import io.gilder.error.BuildCommandFailedException;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.WaitTimedOutException;
import io.gilder.flow.WaitProgress;
import io.gilder.instance.FakeInstanceFleet;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuildStepsAndCommandChecksTest {

    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1";

    private final FakeInstanceFleet aws = new FakeInstanceFleet();
    private final BuildSteps steps = new BuildSteps(aws);
    private final CommandChecks checks = new CommandChecks(aws, 4);

    @Test
    void aStepWithoutAScriptIsSkippedWithoutSendingAnything() {
        StepCommand command = steps.start(EXECUTION, "i-1", BuildStep.PRE_UPDATE, BuildRequests.withScripts(null, null));

        assertThat(command).isEqualTo(new StepCommand(null, "pre-update", true));
        assertThat(aws.sent).isEmpty();
    }

    @Test
    void aStepIsSentToTheInstanceWithItsCommentAndTimeout() {
        BuildRequest request = BuildRequests.withScripts(new Script(Script.Kind.INLINE, "echo hi"), null);

        StepCommand command = steps.start(EXECUTION, "i-1", BuildStep.PRE_UPDATE, request);

        assertThat(command).isEqualTo(new StepCommand("cmd-1", "pre-update", false));
        ShellCommand sent = aws.sent.get(0);
        assertThat(sent.instanceId()).isEqualTo("i-1");
        assertThat(sent.comment()).isEqualTo("Gilder pre-update for run-1");
        assertThat(sent.lines()).isEqualTo(BuildCommands.linesFor(BuildStep.PRE_UPDATE, request).orElseThrow());
        assertThat(sent.timeoutSeconds()).isEqualTo(BuildCommands.STEP_TIMEOUT_SECONDS);
    }

    @Test
    void anUnknownStepIsAnInvalidRequest() {
        assertThatThrownBy(() -> BuildStep.of("reboot")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("step must be pre-update, package-update or post-update, not reboot");
    }

    @Test
    void aSkippedStepIsDoneAtOnceWithoutACall() {
        assertThat(checks.check(null, "i-1", "pre-update", 0)).isEqualTo(new WaitProgress(true, 1));
        assertThat(aws.calls).isEmpty();
    }

    @Test
    void aRunningCommandIsNotDoneUntilItSucceeds() {
        assertThat(checks.check("cmd-1", "i-1", "post-update", 0)).isEqualTo(new WaitProgress(false, 1));
        aws.outcomes.put("cmd-1", new CommandOutcome("InProgress", -1, "", ""));
        assertThat(checks.check("cmd-1", "i-1", "post-update", 1)).isEqualTo(new WaitProgress(false, 2));
        aws.outcomes.put("cmd-1", new CommandOutcome("Success", 0, "done", ""));
        assertThat(checks.check("cmd-1", "i-1", "post-update", 2)).isEqualTo(new WaitProgress(true, 3));
        assertThat(aws.calls).containsOnly("outcome cmd-1 i-1");
    }

    @Test
    void aFailedCommandEndsTheLoopWithItsExitCodeAndOutput() {
        aws.outcomes.put("cmd-1", new CommandOutcome("Failed", 2, "step 1\n", "cp: cannot stat 'x'\n"));

        assertThatThrownBy(() -> checks.check("cmd-1", "i-1", "post-update", 0))
                .isInstanceOf(BuildCommandFailedException.class)
                .hasMessageStartingWith("Build step post-update on i-1 ended Failed with exit code 2")
                .hasMessageContaining("cp: cannot stat 'x'");
    }

    @Test
    void aCommandStillRunningAtTheBoundTimesOut() {
        assertThatThrownBy(() -> checks.check("cmd-1", "i-1", "package-update", 3)).isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("build step package-update (command cmd-1 on i-1) to finish");
    }
}
