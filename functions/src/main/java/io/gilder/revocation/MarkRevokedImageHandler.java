package io.gilder.revocation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Mark Revoked Image": tags the source image and every copy, records the revocation in the distribution manifest. */
@Named("mark-revoked-image")
public class MarkRevokedImageHandler implements RequestHandler<MarkRevokedImageHandler.Input, RevocationMark> {

    public record Input(String executionArn, RevocationPlan plan) {}

    private final ImageRevocation revocation;

    MarkRevokedImageHandler(ImageRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    public RevocationMark handleRequest(Input input, Context context) {
        return revocation.mark(input.executionArn(), input.plan());
    }
}
