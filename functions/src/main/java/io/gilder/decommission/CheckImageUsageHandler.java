package io.gilder.decommission;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Check Image Usage": refuses ({@code ImageInUseException}) while instances use the image anywhere, unless forced. */
@Named("check-image-usage")
public class CheckImageUsageHandler implements RequestHandler<CheckImageUsageHandler.Input, ImageUsageReport> {

    /** @param executionArn names the cross-account role sessions; {@code plan} is the validate step's output */
    public record Input(String executionArn, DecommissionPlan plan) {}

    private final ImageUsageCheck check;

    CheckImageUsageHandler(ImageUsageCheck check) {
        this.check = check;
    }

    @Override
    public ImageUsageReport handleRequest(Input input, Context context) {
        return check.check(input.executionArn(), input.plan());
    }
}
