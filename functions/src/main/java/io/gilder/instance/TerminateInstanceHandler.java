package io.gilder.instance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.flow.Primed;
import io.gilder.flow.Priming;
import jakarta.inject.Named;

/**
 * Terminates an instance; one already terminated or unknown is fine. No instance id (a launch that never got that far)
 * calls nothing and returns {@code {instanceId: null}}.
 */
@Named("terminate-instance")
public class TerminateInstanceHandler implements RequestHandler<InstanceRef, InstanceRef>, Primed {

    private final InstanceFleet fleet;

    TerminateInstanceHandler(InstanceFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public InstanceRef handleRequest(InstanceRef input, Context context) {
        if (input == null || input.instanceId() == null || input.instanceId().isBlank()) {
            return new InstanceRef(null);
        }
        fleet.terminate(input.instanceId());
        return input;
    }

    @Override
    public void prime() {
        fleet.describe(Priming.INSTANCE_ID);
    }
}
