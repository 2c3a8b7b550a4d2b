package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.error.ImageCopyFailedException;
import io.gilder.registry.RegionCopy;
import jakarta.inject.Named;
import java.util.List;

/**
 * "Publish To Account" (in publish-golden-ami-to-account, one child execution per account): through the
 * child account's cross-account role, writes the version parameter ({@code aws:ec2:image}) and adds the
 * region's image to {@code /GoldenAMI/latest} in that account and region. Runs after the image is shared
 * there: Parameter Store checks that the account can see the image.
 */
@Named("publish-to-account")
public class PublishToAccountHandler implements RequestHandler<PublishToAccountHandler.Input, AccountPublication> {

    /** @param copies the parent's copy results, one per region that got the image ({@code imageId} null where it failed) */
    public record Input(String executionArn, String accountId, String region, List<RegionCopy> copies, String parameterName) {}

    private final ImageDistribution distribution;

    PublishToAccountHandler(ImageDistribution distribution) {
        this.distribution = distribution;
    }

    @Override
    public AccountPublication handleRequest(Input input, Context context) {
        String imageId = (input.copies() == null ? List.<RegionCopy>of() : input.copies()).stream()
                .filter(c -> input.region().equals(c.region()) && c.imageId() != null).map(RegionCopy::imageId).findFirst()
                .orElseThrow(() -> new ImageCopyFailedException("No image in " + input.region()
                        + " to publish: copying or sharing it there failed (see that region's error)"));
        return distribution.publish(input.executionArn(), input.accountId(), input.region(), imageId, input.parameterName());
    }
}
