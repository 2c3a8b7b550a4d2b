package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Named;

/**
 * Called by the rescan for each image it assessed: when the image's findings failed the scan policy, starts a
 * {@code revoke-golden-ami} execution named after the rescan run and the image (a retry finds it instead of starting
 * another); when they passed, does nothing. Input {@code {"run", "image": {"imageId", "region"?, "policy": {"passed",
 * "reason"}, "evidence": {"findings"}}}}; output {@code {"executionArn", "executionName", "alreadyStarted"}} or
 * {@code {"skipped": true}}.
 */
@Named("request-revocation")
public class RequestRevocationHandler implements RequestHandler<Object, RequestRevocationHandler.Output> {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Output(Boolean skipped, String executionArn, String executionName, Boolean alreadyStarted) {}

    private final RescanRevocations revocations;

    RequestRevocationHandler(RescanRevocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Output handleRequest(Object request, Context context) {
        return revocations.request(request)
                .map(s -> new Output(null, s.executionArn(), s.executionName(), s.alreadyStarted()))
                .orElse(new Output(true, null, null, null));
    }
}
