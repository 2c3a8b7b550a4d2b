package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/**
 * First state of {@code distribute-golden-ami}: refuses a bad request (malformed, unknown region,
 * unregistered version, encrypted image) before anything is copied or shared. The input is taken as
 * untyped JSON so that a field of the wrong type is reported by name.
 */
@Named("validate-distribution-request")
public class ValidateDistributionRequestHandler implements RequestHandler<Object, ValidatedDistribution> {

    private final DistributionValidator validator;

    ValidateDistributionRequestHandler(DistributionValidator validator) {
        this.validator = validator;
    }

    @Override
    public ValidatedDistribution handleRequest(Object request, Context context) {
        return validator.validate(request, io.gilder.build.ValidateBuildRequestHandler.account(context));
    }
}
