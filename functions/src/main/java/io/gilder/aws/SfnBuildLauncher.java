package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.AwsCallFailedException;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.start.BuildLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** Starts the stack's build state machine ({@code gilder.approvals.build-state-machine-arn}). */
@ApplicationScoped
public class SfnBuildLauncher implements BuildLauncher {

    private final SfnClient sfn;
    private final String stateMachineArn;

    @Inject
    SfnBuildLauncher(SfnClient sfn, GilderConfig config) {
        this(sfn, config.approvals().buildStateMachineArn().orElse(null));
    }

    public SfnBuildLauncher(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public String executionArn(String name) {
        return stateMachineArn().replace(":stateMachine:", ":execution:") + ":" + name;
    }

    @Override
    public void start(String name, String inputJson) {
        try {
            AwsCall.run("Step Functions StartExecution", () -> sfn.startExecution(r -> r.stateMachineArn(stateMachineArn()).name(name)
                    .input(inputJson)));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ExecutionAlreadyExistsException) {
                throw new InvalidRequestException("Build start", List.of(new FieldProblem("name", "an execution named " + name
                        + " exists already")));
            }
            throw e;
        }
    }

    private String stateMachineArn() {
        if (stateMachineArn == null || stateMachineArn.isBlank()) {
            throw new IllegalStateException("gilder.approvals.build-state-machine-arn (GILDER_APPROVALS_BUILD_STATE_MACHINE_ARN) is not set");
        }
        return stateMachineArn;
    }
}
