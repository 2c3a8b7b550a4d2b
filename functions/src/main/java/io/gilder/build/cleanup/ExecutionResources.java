package io.gilder.build.cleanup;

import io.gilder.build.ImageRecord;
import io.gilder.build.TaggedSnapshot;
import java.util.List;

/**
 * Finds what one build execution created in this account and region by its
 * {@link io.gilder.registry.GilderTags#EXECUTION} tag, so cleanup works even when the state machine's
 * own record of it was lost. Only resources owned by this account are returned. Every method throws
 * {@link io.gilder.error.GilderException} when the underlying calls fail.
 */
public interface ExecutionResources {

    /**
     * @return ids of the execution's instances that are neither terminated nor shutting down; for a rescan run also
     *         those its images' child executions launched
     */
    List<String> liveInstances(String executionArn);

    /** @return the execution's images, whatever their type or state */
    List<ImageRecord> images(String executionArn);

    /** @return the execution's snapshots */
    List<TaggedSnapshot> snapshots(String executionArn);

    /** @return true when termination started now, false when the instance was already gone */
    boolean terminateInstance(String instanceId);
}
