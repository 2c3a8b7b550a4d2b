package io.gilder.rescan;

import io.gilder.instance.InstanceFleet;
import io.gilder.instance.TaggedInstance;
import io.gilder.registry.GilderTags;
import io.gilder.registry.InstanceRole;
import io.gilder.scan.ScanSubject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terminates rescan instances nothing will terminate any more. Only instances tagged both
 * {@code continuous-assessment-instance=true} and {@code gilder:role=rescan} are ever touched, so another tool's
 * instance carrying the public tag is safe (the function's IAM policy requires the role tag as well).
 */
public class RescanSweep {

    /** Step Functions' status of an execution still under way. */
    static final String RUNNING = "RUNNING";

    private final InstanceFleet fleet;
    private final Executions executions;
    private final Clock clock;

    public RescanSweep(InstanceFleet fleet, Executions executions, Clock clock) {
        this.fleet = fleet;
        this.executions = executions;
        this.clock = clock;
    }

    /** Terminates every live instance of the rescan run {@code runArn}, whatever its age. */
    public List<String> sweepRun(String runArn) {
        Map<String, String> tags = rescanTags();
        tags.put(ScanSubject.RESCAN_RUN, runArn);
        List<String> doomed = new ArrayList<>();
        fleet.forEachLive(tags, page -> page.forEach(i -> doomed.add(i.instanceId())));
        return doomed.isEmpty() ? List.of() : fleet.terminateAll(doomed);
    }

    /**
     * Terminates the rescan instances launched more than {@code olderThan} ago whose run is no longer
     * {@code RUNNING} (stopped by hand, timed out, failed; a run Step Functions no longer knows, or an instance
     * without a run tag, counts as finished). Each run is looked up once. With {@code current} (the sweeping
     * execution's ARN), runs of another state machine — another Gilder stack in the same account, whose runs this
     * stack may not even look up — are left alone.
     */
    public List<String> sweepStale(Duration olderThan, String current) {
        String own = stateMachineOf(current);
        Instant before = clock.instant().minus(olderThan);
        Map<String, Boolean> running = new HashMap<>();
        List<String> doomed = new ArrayList<>();
        fleet.forEachLive(rescanTags(), page -> {
            for (TaggedInstance instance : page) {
                if (instance.launchTime() != null && !instance.launchTime().isBefore(before)) {
                    continue;
                }
                String run = instance.tags().get(ScanSubject.RESCAN_RUN);
                if (own != null && run != null && !run.isBlank() && !own.equals(stateMachineOf(run))) {
                    continue;
                }
                boolean live = run != null && !run.isBlank()
                        && running.computeIfAbsent(run, r -> executions.status(r).map(RUNNING::equals).orElse(false));
                if (!live) {
                    doomed.add(instance.instanceId());
                }
            }
        });
        return doomed.isEmpty() ? List.of() : fleet.terminateAll(doomed);
    }

    /** {@code gilder-rescan-golden-amis} of {@code arn:aws:states:<region>:<account>:execution:gilder-rescan-golden-amis:<name>}. */
    static String stateMachineOf(String executionArn) {
        if (executionArn == null) {
            return null;
        }
        String[] parts = executionArn.split(":");
        return parts.length >= 8 && "execution".equals(parts[5]) ? parts[6] : null;
    }

    private static Map<String, String> rescanTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ScanSubject.CONTINUOUS_ASSESSMENT, "true");
        tags.put(GilderTags.ROLE, InstanceRole.RESCAN.tagValue());
        return tags;
    }
}
