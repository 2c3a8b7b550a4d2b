package io.gilder.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.domain.AccountPublication;
import io.gilder.domain.ImageDistribution;
import jakarta.inject.Named;

/**
 * "Publish To Account": through the child account's cross-account role, writes the version parameter
 * ({@code aws:ec2:image}) and adds the image to {@code /GoldenAMI/latest} in that account and region.
 * Runs after the image is shared there: Parameter Store checks that the account can see the image.
 */
@Named("publish-to-account")
public class PublishToAccountHandler implements RequestHandler<PublishToAccountHandler.Input, AccountPublication> {

    public record Input(String executionArn, String accountId, String region, String imageId, String parameterName) {}

    private final ImageDistribution distribution;

    PublishToAccountHandler(ImageDistribution distribution) {
        this.distribution = distribution;
    }

    @Override
    public AccountPublication handleRequest(Input input, Context context) {
        return distribution.publish(input.executionArn(), input.accountId(), input.region(), input.imageId(), input.parameterName());
    }
}
