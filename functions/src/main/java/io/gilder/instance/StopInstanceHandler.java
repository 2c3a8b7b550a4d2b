package io.gilder.instance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.flow.Primed;
import io.gilder.flow.Priming;
import jakarta.inject.Named;

/** Asks EC2 to stop an instance; an instance already stopped, terminated or unknown is fine. */
@Named("stop-instance")
public class StopInstanceHandler implements RequestHandler<InstanceRef, InstanceRef>, Primed {

    private final InstanceFleet fleet;

    StopInstanceHandler(InstanceFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public InstanceRef handleRequest(InstanceRef input, Context context) {
        fleet.stop(input.instanceId());
        return input;
    }

    @Override
    public void prime() {
        fleet.describe(Priming.INSTANCE_ID);
    }
}
