package io.gilder.instance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.build.BuildRequest;
import io.gilder.flow.Primed;
import io.gilder.flow.Priming;
import io.gilder.scan.SubjectInput;
import jakarta.inject.Named;

/** Launches the builder, test or rescan instance of an execution; a retried launch returns the same instance. */
@Named("launch-instance")
public class LaunchInstanceHandler implements RequestHandler<LaunchInstanceHandler.Input, LaunchedInstance>, Primed {

    /**
     * The builder's launch gives {@code role} {@code builder}, {@code imageId} and {@code request}; the scan sub-flow's
     * launch gives {@code subject} instead (a test or rescan instance).
     */
    public record Input(String executionArn, String role, String imageId, BuildRequest request, SubjectInput subject) {

        public Input(String executionArn, String role, String imageId, BuildRequest request) {
            this(executionArn, role, imageId, request, null);
        }
    }

    private final InstanceFleet fleet;

    LaunchInstanceHandler(InstanceFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public LaunchedInstance handleRequest(Input input, Context context) {
        if (input.subject() != null) {
            return fleet.launch(InstanceLaunch.of(input.executionArn(), SubjectInput.of(input.subject(), "launch-instance")));
        }
        return fleet.launch(InstanceLaunch.of(input.executionArn(), input.role(), input.imageId(), input.request()));
    }

    @Override
    public void prime() {
        fleet.describe(Priming.INSTANCE_ID);
    }
}
