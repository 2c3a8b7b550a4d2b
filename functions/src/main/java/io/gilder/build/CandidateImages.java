package io.gilder.build;

import io.gilder.error.CandidateImageFailedException;
import io.gilder.flow.WaitProgress;
import java.util.List;

/** Captures a build's candidate image and follows it until EC2 has made it available. */
public final class CandidateImages {

    private final ImageFactory images;
    private final int maxAvailableChecks;

    public CandidateImages(ImageFactory images, int maxAvailableChecks) {
        this.images = images;
        this.maxAvailableChecks = maxAvailableChecks;
    }

    /**
     * Captures the stopped builder instance, or finds the image an earlier attempt of the same
     * execution already started, tagged {@code AMI-Type=Candidate} with the build's facts.
     */
    public CandidateImage create(String executionArn, String instanceId, BuildRequest request, String sourceImageId) {
        String name = CandidateImageName.of(request, executionArn);
        String imageId = images.findOwnedByName(name).orElseGet(() -> images.createImage(instanceId, name,
                description(request, sourceImageId), ImageTags.candidate(request, sourceImageId, executionArn, name)));
        return new CandidateImage(imageId, name);
    }

    /**
     * One check of the wait loop. Tags nothing: the image and its snapshots were tagged at CreateImage.
     *
     * @param previousAttempt the loop's attempt count before this check
     * @throws CandidateImageFailedException the image failed, is invalid or no longer exists
     * @throws io.gilder.error.WaitTimedOutException the image is still pending after the last allowed check
     */
    public ImageCheck check(String imageId, int previousAttempt) {
        ImageRecord image = images.describe(imageId).orElseThrow(() -> new CandidateImageFailedException(
                "Candidate image " + imageId + " no longer exists (deregistered or never created)"));
        switch (image.state()) {
            case "available" -> {
                return new ImageCheck(true, previousAttempt + 1, image.snapshotIds());
            }
            case "pending", "transient" -> {
                WaitProgress progress = WaitProgress.after(previousAttempt, maxAvailableChecks, false,
                        "image " + imageId + " to become available");
                return new ImageCheck(false, progress.attempt(), List.of());
            }
            default -> throw new CandidateImageFailedException("Candidate image " + imageId + " is '" + image.state() + "'"
                    + (image.stateReason() == null ? "" : ": " + image.stateReason()));
        }
    }

    private static String description(BuildRequest request, String sourceImageId) {
        return "Gilder candidate: " + request.product().id() + " on " + request.os().id() + ", build "
                + request.buildVersion() + ", from " + sourceImageId;
    }
}
