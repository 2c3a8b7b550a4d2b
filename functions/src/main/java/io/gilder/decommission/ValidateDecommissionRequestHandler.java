package io.gilder.decommission;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/**
 * First state of {@code decommission-golden-ami}: the plan of what to remove, or a refusal before anything
 * is removed. Untyped input, so a field of the wrong type is reported by name.
 */
@Named("validate-decommission-request")
public class ValidateDecommissionRequestHandler implements RequestHandler<Object, DecommissionPlan> {

    private final DecommissionPlanner planner;

    ValidateDecommissionRequestHandler(DecommissionPlanner planner) {
        this.planner = planner;
    }

    @Override
    public DecommissionPlan handleRequest(Object request, Context context) {
        return planner.plan(request);
    }
}
