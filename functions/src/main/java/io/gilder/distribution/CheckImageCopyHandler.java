package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.build.ImageCheck;
import jakarta.inject.Named;

/** "Check Image Copy": one turn of a copy's wait loop (the copy and its snapshots were tagged at CopyImage). */
@Named("check-image-copy")
public class CheckImageCopyHandler implements RequestHandler<CheckImageCopyHandler.Input, ImageCheck> {

    /** @param attempt the loop's attempt count so far (0 before the first check) */
    public record Input(String region, String imageId, int attempt) {}

    private final ImageDistribution distribution;

    CheckImageCopyHandler(ImageDistribution distribution) {
        this.distribution = distribution;
    }

    @Override
    public ImageCheck handleRequest(Input input, Context context) {
        return distribution.check(input.region(), input.imageId(), input.attempt());
    }
}
