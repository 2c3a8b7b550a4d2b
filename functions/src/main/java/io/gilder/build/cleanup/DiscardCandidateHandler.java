package io.gilder.build.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.build.BuildRequest;
import io.gilder.flow.FailureReason;
import jakarta.inject.Named;

/** "Discard Candidate": the single cleanup step of every failed, denied or expired build. */
@Named("discard-candidate")
public class DiscardCandidateHandler implements RequestHandler<DiscardCandidateHandler.Input, DiscardReport> {

    /** @param failure what a Catch recorded ({@code Error}, {@code Cause}); {@code request} may be missing */
    public record Input(String executionArn, BuildRequest request, FailureReason.Failure failure) {}

    private final CandidateDiscard discard;

    DiscardCandidateHandler(CandidateDiscard discard) {
        this.discard = discard;
    }

    @Override
    public DiscardReport handleRequest(Input input, Context context) {
        return discard.discard(input.executionArn(), input.request(), FailureReason.describe(input.failure()));
    }
}
