package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.List;

/**
 * "Share Image": launch permission on the region's image and volume permission on its snapshots for the
 * region's accounts, then the version parameter and {@code /GoldenAMI/latest} of the pipeline account there.
 */
@Named("share-image")
public class ShareImageHandler implements RequestHandler<ShareImageHandler.Input, ImageShare> {

    /** @param parameterName the golden image's version parameter ({@code $.image.parameterName}) */
    public record Input(String executionArn, String region, String imageId, List<String> accountIds, String parameterName) {}

    private final ImageDistribution distribution;

    ShareImageHandler(ImageDistribution distribution) {
        this.distribution = distribution;
    }

    @Override
    public ImageShare handleRequest(Input input, Context context) {
        return distribution.share(input.region(), input.imageId(), input.accountIds() == null ? List.of() : input.accountIds(),
                input.parameterName(), input.executionArn());
    }
}
