package io.gilder.build.cleanup;

import java.util.List;

/**
 * What discarding a build removed; empty lists (and 0) when there was nothing (left) to remove.
 *
 * @param endedApprovals how many of the build's approval requests were still pending and are now ended
 */
public record DiscardReport(List<String> terminatedInstances, List<String> deletedImages, List<String> deletedSnapshots,
        int endedApprovals) {

    /** Nothing removed, no approval request ended. */
    public static final DiscardReport NOTHING = new DiscardReport(List.of(), List.of(), List.of(), 0);
}
