package io.gilder.build;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.flow.Primed;
import io.gilder.flow.Priming;
import io.gilder.flow.WaitProgress;
import jakarta.inject.Named;

/** One check of a build step's command: finished, still running, or failed with its exit code and output. */
@Named("check-command")
public class CheckCommandHandler implements RequestHandler<CheckCommandHandler.Input, WaitProgress>, Primed {

    /** @param commandId {@code null} for a skipped step */
    public record Input(String commandId, String instanceId, String step, int attempt) {}

    private final CommandChecks checks;

    CheckCommandHandler(CommandChecks checks) {
        this.checks = checks;
    }

    @Override
    public WaitProgress handleRequest(Input input, Context context) {
        return checks.check(input.commandId(), input.instanceId(), input.step(), input.attempt());
    }

    @Override
    public void prime() {
        checks.check(Priming.COMMAND_ID, Priming.INSTANCE_ID, "priming", 0);
    }
}
