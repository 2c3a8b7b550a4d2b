package io.gilder.revocation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.decommission.DecommissionPlan;
import jakarta.inject.Named;

/** "Deprecate Image" (one Map item per image of the plan): EnableImageDeprecation as soon as EC2 allows. */
@Named("deprecate-image")
public class DeprecateImageHandler implements RequestHandler<DeprecateImageHandler.Input, ImageDeprecated> {

    /** @param image one of the plan's {@code images} */
    public record Input(String executionArn, DecommissionPlan.ChildTarget image) {}

    private final ImageRevocation revocation;

    DeprecateImageHandler(ImageRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    public ImageDeprecated handleRequest(Input input, Context context) {
        return revocation.deprecate(input.image());
    }
}
