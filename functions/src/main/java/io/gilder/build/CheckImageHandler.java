package io.gilder.build;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Check Image Available": one turn of the wait loop (the image and its snapshots were tagged at CreateImage). */
@Named("check-image")
public class CheckImageHandler implements RequestHandler<CheckImageHandler.Input, ImageCheck> {

    /** @param attempt the loop's attempt count so far (0 before the first check) */
    public record Input(String executionArn, String imageId, BuildRequest request, int attempt) {}

    private final CandidateImages images;

    CheckImageHandler(CandidateImages images) {
        this.images = images;
    }

    @Override
    public ImageCheck handleRequest(Input input, Context context) {
        return images.check(input.imageId(), input.attempt());
    }
}
