package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.RegionCopy;
import jakarta.inject.Named;

/** "Copy Image To Region": the golden image's copy in one region, started now or found from an earlier run. */
@Named("copy-image-to-region")
public class CopyImageToRegionHandler implements RequestHandler<CopyImageToRegionHandler.Input, RegionCopy> {

    public record Input(String executionArn, DistributionImage image, String region) {}

    private final ImageDistribution distribution;

    CopyImageToRegionHandler(ImageDistribution distribution) {
        this.distribution = distribution;
    }

    @Override
    public RegionCopy handleRequest(Input input, Context context) {
        return distribution.copy(input.executionArn(), input.image(), input.region());
    }
}
