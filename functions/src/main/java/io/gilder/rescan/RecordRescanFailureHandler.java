package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gilder.flow.FailureReason;
import jakarta.inject.Named;

/**
 * "Image Not Scanned": one image's NOT_SCANNED result from what the rescan's Catch recorded. A Lambda error's
 * {@code Cause} is the runtime's JSON with the whole stack trace (kilobytes); only its message is kept, cut to
 * {@link ImageRescan#MAX_ERROR} characters, so that two hundred failed images still fit the run's 256 KiB state.
 * Calls nothing.
 */
@Named("record-rescan-failure")
public class RecordRescanFailureHandler implements RequestHandler<RecordRescanFailureHandler.Input, RescanImageResult> {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String imageId, String os, String product, String version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Image image, Failure failure) {}

    @Override
    public RescanImageResult handleRequest(Input in, Context context) {
        Image image = in.image();
        Failure failure = in.failure() == null ? new Failure(null, null) : in.failure();
        return new RescanImageResult(RescanImageResult.NOT_SCANNED, image.imageId(), image.os(), image.product(), image.version(),
                null, null, null, null, null, null, null, null, null, failure.error(),
                FailureReason.shortCause(failure.cause(), ImageRescan.MAX_ERROR), null);
    }
}
