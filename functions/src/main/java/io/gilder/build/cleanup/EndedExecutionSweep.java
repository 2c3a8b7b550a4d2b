package io.gilder.build.cleanup;

import io.gilder.registry.GoldenRegistry;
import java.util.List;

/**
 * The clean-up of an execution that ended where no Catch runs its workflow's own clean-up: aborted, timed out, or
 * failed by Step Functions itself ({@code States.Runtime}, {@code States.DataLimitExceeded}, the history limit). Step
 * Functions announces every such ending on EventBridge; a rule hands it here. Works for every workflow, because all
 * that an execution creates in the pipeline account's region carries its {@link io.gilder.registry.GilderTags#EXECUTION}
 * tag, and the registry's lock names the execution holding it.
 *
 * <p>Runs for every failed execution too, including those whose own clean-up did run: then nothing is found and
 * nothing is said. What it does:
 * <ol>
 *   <li>releases the active list's lock if the execution died holding it;</li>
 *   <li>ends the execution's approval requests still pending (an abort or timeout while waiting for a decision);</li>
 *   <li>if one of the execution's images is on the active list, the build registered its golden image before it
 *       ended (a registration is one Lambda call, which an abort does not interrupt): the image stays, only live
 *       instances go;</li>
 *   <li>otherwise everything the execution made goes, exactly as a failed build's "Discard Candidate" does
 *       ({@link CandidateDiscard}), which also sends the notice.</li>
 * </ol>
 */
public final class EndedExecutionSweep {

    private final ExecutionResources resources;
    private final GoldenRegistry registry;
    private final CandidateDiscard discard;
    private final PendingApprovals approvals;

    public EndedExecutionSweep(ExecutionResources resources, GoldenRegistry registry, CandidateDiscard discard,
            PendingApprovals approvals) {
        this.resources = resources;
        this.registry = registry;
        this.discard = discard;
        this.approvals = approvals;
    }

    /**
     * @param executionArn the execution that ended
     * @param ending       how it ended, as Step Functions says it ({@code ABORTED}, {@code TIMED_OUT}, {@code FAILED})
     * @param error        the error it failed with, or null
     * @throws io.gilder.error.GilderException when a call fails; EventBridge retries the delivery
     */
    public SweepReport sweep(String executionArn, String ending, String error) {
        boolean lockReleased = registry.releaseLockOf(executionArn);
        CleanupPlan plan = CleanupPlan.of(resources.images(executionArn), resources.snapshots(executionArn));
        List<String> live = resources.liveInstances(executionArn);
        if (plan.images().isEmpty() && plan.snapshots().isEmpty() && live.isEmpty()) {
            int endedApprovals = approvals.endPendingOf(executionArn);
            return new SweepReport(ending, lockReleased, List.of(), new DiscardReport(List.of(), List.of(), List.of(), endedApprovals));
        }
        List<String> active = plan.images().isEmpty() ? List.of() : registry.activeImages();
        List<String> registered = plan.imageIds().stream().filter(active::contains).toList();
        if (!registered.isEmpty()) {
            int endedApprovals = approvals.endPendingOf(executionArn);
            List<String> terminated = live.stream().filter(resources::terminateInstance).toList();
            return new SweepReport(ending, lockReleased, registered, new DiscardReport(terminated, List.of(), List.of(), endedApprovals));
        }
        String reason = "the execution ended " + ending + (error == null || error.isBlank() ? "" : " (" + error + ")")
                + " where no Catch runs the workflow's own clean-up";
        // The discard ends the execution's pending approval requests itself.
        return new SweepReport(ending, lockReleased, List.of(), discard.discard(executionArn, null, reason));
    }
}
