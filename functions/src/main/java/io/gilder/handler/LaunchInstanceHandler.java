package io.gilder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.domain.BuildRequest;
import io.gilder.domain.InstanceLaunch;
import io.gilder.domain.LaunchedInstance;
import io.gilder.port.InstanceFleet;
import jakarta.inject.Named;

/** Launches the builder or test instance of an execution; a retried launch returns the same instance. */
@Named("launch-instance")
public class LaunchInstanceHandler implements RequestHandler<LaunchInstanceHandler.Input, LaunchedInstance>, Primed {

    /** @param role {@code builder} or {@code test} */
    public record Input(String executionArn, String role, String imageId, BuildRequest request) {}

    private final InstanceFleet fleet;

    LaunchInstanceHandler(InstanceFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public LaunchedInstance handleRequest(Input input, Context context) {
        return fleet.launch(InstanceLaunch.of(input.executionArn(), input.role(), input.imageId(), input.request()));
    }

    @Override
    public void prime() {
        fleet.describe(Priming.INSTANCE_ID);
    }
}
