package io.gilder.start;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Second state of {@code build-golden-ami}, "Claim Build Version": no other running build may build the same version. */
@Named("claim-build-version")
public class ClaimBuildVersionHandler implements RequestHandler<ClaimBuildVersionHandler.Input, ClaimBuildVersionHandler.Input> {

    /** The build's execution and the golden image parameter it would write. */
    public record Input(String executionArn, String parameterName) {}

    private final BuildVersionClaims claims;

    @Inject
    ClaimBuildVersionHandler(BuildVersionClaims claims) {
        this.claims = claims;
    }

    @Override
    public Input handleRequest(Input input, Context context) {
        claims.claim(input.parameterName(), input.executionArn());
        return input;
    }
}
