package io.gilder.config;

import io.gilder.domain.InstanceCheck;
import io.gilder.domain.InstanceRef;
import io.gilder.domain.LaunchedInstance;
import io.gilder.domain.StepCommand;
import io.gilder.domain.WaitProgress;
import io.gilder.handler.CheckCommandHandler;
import io.gilder.handler.CheckInstanceHandler;
import io.gilder.handler.LaunchInstanceHandler;
import io.gilder.handler.RunBuildStepHandler;
import io.gilder.handler.SubjectInput;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Inputs and outputs of the instance handlers (launch, check, run build step, check command, stop,
 * terminate) for native images; {@code BuildRequest} and its parts are registered in {@link NativeReflection}.
 */
@RegisterForReflection(targets = {LaunchInstanceHandler.Input.class, LaunchedInstance.class,
        CheckInstanceHandler.Input.class, InstanceCheck.class, RunBuildStepHandler.Input.class, StepCommand.class,
        CheckCommandHandler.Input.class, WaitProgress.class, InstanceRef.class, SubjectInput.class})
public final class InstanceReflection {

    private InstanceReflection() {}
}
