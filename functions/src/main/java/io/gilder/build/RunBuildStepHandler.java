package io.gilder.build;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** Starts one build step on the builder through SSM Run Command; a step without a script is skipped. */
@Named("run-build-step")
public class RunBuildStepHandler implements RequestHandler<RunBuildStepHandler.Input, StepCommand> {

    /** @param step {@code pre-update}, {@code package-update} or {@code post-update} */
    public record Input(String executionArn, String instanceId, String step, BuildRequest request) {}

    private final BuildSteps steps;

    RunBuildStepHandler(BuildSteps steps) {
        this.steps = steps;
    }

    @Override
    public StepCommand handleRequest(Input input, Context context) {
        return steps.start(input.executionArn(), input.instanceId(), BuildStep.of(input.step()), input.request());
    }
}
