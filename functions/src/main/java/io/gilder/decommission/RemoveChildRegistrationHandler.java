package io.gilder.decommission;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Remove Child Registration" (one Map item per child account and region): its parameter and list entry. */
@Named("remove-child-registration")
public class RemoveChildRegistrationHandler implements RequestHandler<RemoveChildRegistrationHandler.Input, ImageRemoval> {

    /** @param target one of the plan's {@code accounts}; {@code parameterName} the plan's */
    public record Input(String executionArn, DecommissionPlan.ChildTarget target, String parameterName) {}

    private final ImageDecommission decommission;

    RemoveChildRegistrationHandler(ImageDecommission decommission) {
        this.decommission = decommission;
    }

    @Override
    public ImageRemoval handleRequest(Input input, Context context) {
        return decommission.removeChildRegistration(input.executionArn(), input.target(), input.parameterName());
    }
}
