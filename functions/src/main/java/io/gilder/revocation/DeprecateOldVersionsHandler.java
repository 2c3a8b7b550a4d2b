package io.gilder.revocation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.build.BuildRequest;
import io.gilder.config.RevocationConfig;
import jakarta.inject.Named;

/**
 * "Deprecate Old Versions" (build-golden-ami, after registration): retention. Keeps the newest {@code RetainVersions}
 * versions of the approved build's product on its OS and deprecates the images (source and copies) of older ones.
 */
@Named("deprecate-old-versions")
public class DeprecateOldVersionsHandler implements RequestHandler<DeprecateOldVersionsHandler.Input, RetentionReport> {

    /** @param request the build request ({@code $.request}): its product and OS */
    public record Input(String executionArn, BuildRequest request) {}

    private final VersionRetention retention;
    private final int keep;

    DeprecateOldVersionsHandler(VersionRetention retention, RevocationConfig config) {
        this.retention = retention;
        this.keep = config.retainVersions();
    }

    @Override
    public RetentionReport handleRequest(Input input, Context context) {
        return retention.retain(input.request().product(), input.request().os(), keep);
    }
}
