package io.gilder.instance;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The EC2 instances Gilder launches for builds and scans. Every method throws a
 * {@link io.gilder.error.GilderException} when the call itself fails (retryable or terminal).
 */
public interface InstanceFleet {

    /**
     * Launches the instance, or returns the one an earlier attempt launched for the same execution
     * and role (a retried launch never creates a second instance).
     */
    LaunchedInstance launch(InstanceLaunch launch);

    /** @return the instance, or empty when EC2 does not know it (never launched, or terminated long ago) */
    Optional<InstanceFacts> describe(String instanceId);

    /** @return whether both the instance and the system status checks report {@code ok}; false while unknown */
    boolean statusChecksPassed(String instanceId);

    /** Asks EC2 to stop the instance; an instance already stopping or stopped is fine. */
    void stop(String instanceId);

    /** Asks EC2 to terminate the instance; an instance already terminated or unknown is fine. */
    void terminate(String instanceId);

    /**
     * Hands every instance carrying all of {@code tags} (key to exact value) that is pending, running, stopping
     * or stopped to {@code page}, one page of {@code DescribeInstances} at a time.
     */
    void forEachLive(Map<String, String> tags, Consumer<List<TaggedInstance>> page);

    /**
     * Asks EC2 to terminate the instances, many per call; ids EC2 no longer knows are skipped.
     *
     * @return the ids whose termination was asked
     */
    List<String> terminateAll(Collection<String> instanceIds);
}
