package io.gilder.domain;

import io.gilder.port.ExecutionResources;
import io.gilder.port.ImageFactory;
import io.gilder.port.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one cleanup step of every failed, denied or expired build: removes whatever the execution's
 * tag is on (instances, candidate images, their snapshots) and says why. It never touches a golden
 * image or the registry. Idempotent: what is already gone is skipped, so a re-run after a partial
 * failure finishes the job.
 */
public final class CandidateDiscard {

    private final ExecutionResources resources;
    private final ImageFactory images;
    private final Notifier notifier;

    public CandidateDiscard(ExecutionResources resources, ImageFactory images, Notifier notifier) {
        this.resources = resources;
        this.images = images;
        this.notifier = notifier;
    }

    /**
     * @param request what was being built (for the notice), or {@code null} when unknown
     * @param reason  why the build is discarded, readable by people
     */
    public DiscardReport discard(String executionArn, BuildRequest request, String reason) {
        List<String> terminated = resources.liveInstances(executionArn).stream().filter(resources::terminateInstance).toList();

        CleanupPlan plan = CleanupPlan.of(resources.images(executionArn), resources.snapshots(executionArn));
        List<String> deregistered = new ArrayList<>();
        for (ImageRecord image : plan.images()) {
            // Tag the snapshots first: once the image is gone, a re-run can only find them by tag.
            images.tag(image.snapshotIds(), Map.of(GilderTags.EXECUTION, executionArn));
            if (images.deregister(image.imageId())) {
                deregistered.add(image.imageId());
            }
        }
        List<String> deleted = plan.snapshots().stream().filter(images::deleteSnapshot).toList();

        String build = BuildLabel.of(request);
        DiscardReport report = new DiscardReport(terminated, deregistered, deleted);
        notifier.notify("Golden AMI build discarded: " + build, String.join("\n",
                "Build: " + build,
                "Reason: " + reason,
                "Execution: " + executionArn,
                "Terminated instances: " + listed(terminated),
                "Deregistered images: " + listed(deregistered),
                "Deleted snapshots: " + listed(deleted)));
        return report;
    }

    private static String listed(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
