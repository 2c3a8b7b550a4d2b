package io.gilder.build;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Create Candidate Image": captures the stopped builder; a retry finds the image its first attempt started. */
@Named("create-candidate-image")
public class CreateCandidateImageHandler implements RequestHandler<CreateCandidateImageHandler.Input, CandidateImage> {

    /** @param instanceId the stopped builder instance */
    public record Input(String executionArn, String instanceId, BuildRequest request, ImageFacts sourceImage) {}

    private final CandidateImages images;

    CreateCandidateImageHandler(CandidateImages images) {
        this.images = images;
    }

    @Override
    public CandidateImage handleRequest(Input input, Context context) {
        return images.create(input.executionArn(), input.instanceId(), input.request(), input.sourceImage().imageId());
    }
}
