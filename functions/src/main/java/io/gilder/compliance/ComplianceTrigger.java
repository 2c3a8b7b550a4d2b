package io.gilder.compliance;

import java.time.Instant;

/**
 * Why the compliance rule runs, read from AWS Config's event. Each carries the ordering timestamp its
 * evaluations report: the configuration item's capture time, or the periodic trigger's time.
 */
public sealed interface ComplianceTrigger {

    Instant orderingTimestamp();

    /** A configuration item that describes the instance (ConfigurationItemChangeNotification). */
    record InstanceChanged(ObservedInstance instance, Instant orderingTimestamp) implements ComplianceTrigger {}

    /**
     * Only the instance's id is known: the item was oversized (OversizedConfigurationItemChangeNotification)
     * or carried no configuration. The instance is read from EC2.
     */
    record InstanceToRead(String instanceId, Instant orderingTimestamp) implements ComplianceTrigger {}

    /** The instance was deleted or left the rule's scope; {@code why} is the evaluation's annotation. */
    record InstanceGone(String instanceId, String why, Instant orderingTimestamp) implements ComplianceTrigger {}

    /** The periodic trigger (ScheduledNotification): every instance of the account and region. */
    record Periodic(Instant orderingTimestamp) implements ComplianceTrigger {}
}
