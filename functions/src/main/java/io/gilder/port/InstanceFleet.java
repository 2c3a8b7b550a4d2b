package io.gilder.port;

import io.gilder.domain.InstanceFacts;
import io.gilder.domain.InstanceLaunch;
import io.gilder.domain.LaunchedInstance;
import java.util.Optional;

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
}
