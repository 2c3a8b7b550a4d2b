package io.gilder.build.cleanup;

import io.gilder.build.BuildLabel;
import io.gilder.build.BuildRequest;
import io.gilder.build.ImageFactory;
import io.gilder.build.ImageRecord;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.Notifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The one cleanup step of every failed, denied or expired build: removes whatever the execution's
 * tag is on and says why. A build that ends here never produced a golden image, so this also undoes
 * a registration that failed half-way (see {@link CleanupPlan} for what goes).
 *
 * <p>Order matters for re-runs: first the registry writes of the execution's images are undone (the
 * version parameter when it holds one of them, their entries on the active list), because once the
 * images are deregistered a re-run can no longer tell which ids were the execution's. Then instances
 * are terminated, the images deregistered, the snapshots deleted (found by their execution tag, given at CreateImage), and
 * finally the notice sent. Idempotent: what is already gone is skipped, so a re-run after a partial
 * failure finishes the job. Before all that, the execution's approval requests still pending are ended
 * ({@link PendingApprovals}), so that nobody can approve a candidate on its way out. The active list is read first and only claimed (under its lock) when it
 * does list one of the images, so a typical discard costs one read there.
 */
public final class CandidateDiscard {

    private final ExecutionResources resources;
    private final ImageFactory images;
    private final GoldenRegistry registry;
    private final Notifier notifier;
    private final PendingApprovals approvals;

    public CandidateDiscard(ExecutionResources resources, ImageFactory images, GoldenRegistry registry, Notifier notifier,
            PendingApprovals approvals) {
        this.resources = resources;
        this.images = images;
        this.registry = registry;
        this.notifier = notifier;
        this.approvals = approvals;
    }

    /**
     * @param request what was being built (for the notice), or {@code null} when unknown
     *                (then no version parameter is looked at)
     * @param reason  why the build is discarded, readable by people
     * @throws io.gilder.error.RegistryBusyException the active list lists one of the images and is being
     *         changed by someone else: retry later
     */
    public DiscardReport discard(String executionArn, BuildRequest request, String reason) {
        // First, so that nobody approves a candidate that is about to go (or gets "approved" on record for a dead build).
        int endedApprovals = approvals.endPendingOf(executionArn);
        CleanupPlan plan = CleanupPlan.of(resources.images(executionArn), resources.snapshots(executionArn));
        List<String> unregistered = unregister(executionArn, plan.imageIds(), request);
        List<String> terminated = resources.liveInstances(executionArn).stream().filter(resources::terminateInstance).toList();

        List<String> deregistered = new ArrayList<>();
        for (ImageRecord image : plan.images()) {
            // Its snapshots carry the execution tag from CreateImage on: a re-run finds them by tag once the image is gone.
            if (images.deregister(image.imageId())) {
                deregistered.add(image.imageId());
            }
        }
        List<String> deleted = plan.snapshots().stream().filter(images::deleteSnapshot).toList();

        String build = BuildLabel.of(request);
        DiscardReport report = new DiscardReport(terminated, deregistered, deleted, endedApprovals);
        notifier.notify("Golden AMI build discarded: " + build, String.join("\n",
                "Build: " + build,
                "Reason: " + reason,
                "Execution: " + executionArn,
                "Removed from the registry: " + listed(unregistered),
                "Terminated instances: " + listed(terminated),
                "Deregistered images: " + listed(deregistered),
                "Deleted snapshots: " + listed(deleted),
                "Approval requests ended undecided: " + endedApprovals));
        return report;
    }

    /**
     * Undoes what registering any of {@code imageIds} wrote.
     *
     * @return what was removed from the registry: the version parameter, entries of the active list
     */
    private List<String> unregister(String executionArn, List<String> imageIds, BuildRequest request) {
        List<String> removed = new ArrayList<>();
        if (imageIds.isEmpty()) {
            return removed;
        }
        // A registration of this execution that died holding the list's lock would block the undo below.
        registry.releaseLockOf(executionArn);
        if (request != null && request.parameterName() != null) {
            for (String imageId : imageIds) {
                if (registry.unregisterImage(request.parameterName(), imageId)) {
                    removed.add(request.parameterName());
                    break; // the parameter held this id, so it held none of the others
                }
            }
        }
        List<String> active = registry.activeImages();
        for (String imageId : imageIds) {
            if (active.contains(imageId)) {
                registry.removeActive(imageId, executionArn);
                removed.add(imageId + " from " + GoldenParameters.LATEST);
            }
        }
        return removed;
    }

    private static String listed(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
