package io.gilder.revocation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/**
 * First state of {@code revoke-golden-ami}: the plan (the image's every place, the mode), or a refusal naming the bad
 * field before anything changes. Untyped input, so a field of the wrong type is reported by name.
 */
@Named("validate-revocation-request")
public class ValidateRevocationRequestHandler implements RequestHandler<Object, RevocationPlan> {

    private final RevocationPlanner planner;

    ValidateRevocationRequestHandler(RevocationPlanner planner) {
        this.planner = planner;
    }

    @Override
    public RevocationPlan handleRequest(Object request, Context context) {
        return planner.plan(request);
    }
}
