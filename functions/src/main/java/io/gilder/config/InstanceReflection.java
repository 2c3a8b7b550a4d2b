package io.gilder.config;

import io.gilder.build.CheckCommandHandler;
import io.gilder.build.RunBuildStepHandler;
import io.gilder.build.StepCommand;
import io.gilder.flow.WaitProgress;
import io.gilder.instance.CheckInstanceHandler;
import io.gilder.instance.InstanceCheck;
import io.gilder.instance.InstanceRef;
import io.gilder.instance.LaunchInstanceHandler;
import io.gilder.instance.LaunchedInstance;
import io.gilder.scan.SubjectInput;
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
