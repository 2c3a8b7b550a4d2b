package io.gilder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.domain.BuildRequestValidator;
import io.gilder.domain.ValidatedBuild;
import jakarta.inject.Named;

/**
 * First state of {@code build-golden-ami}: rejects a bad request before anything is created.
 * The input is taken as untyped JSON so that a field of the wrong type is reported by name
 * instead of failing in the runtime's deserializer.
 */
@Named("validate-build-request")
public class ValidateBuildRequestHandler implements RequestHandler<Object, ValidatedBuild> {

    private final BuildRequestValidator validator;

    ValidateBuildRequestHandler(BuildRequestValidator validator) {
        this.validator = validator;
    }

    @Override
    public ValidatedBuild handleRequest(Object request, Context context) {
        return validator.validate(request);
    }
}
