package io.gilder.compliance;

import java.time.Instant;
import java.util.Objects;

/**
 * One verdict on one EC2 instance, as it is reported to AWS Config.
 *
 * @param annotation        why, in words; cut to {@link #MAX_ANNOTATION} characters (Config's limit)
 * @param orderingTimestamp when Config captured the item, or when it triggered the periodic run
 */
public record InstanceEvaluation(String instanceId, ComplianceType compliance, String annotation, Instant orderingTimestamp) {

    /** Config refuses longer annotations. */
    public static final int MAX_ANNOTATION = 256;

    public InstanceEvaluation {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(orderingTimestamp, "orderingTimestamp");
        if (annotation != null && annotation.length() > MAX_ANNOTATION) {
            annotation = annotation.substring(0, MAX_ANNOTATION - 1) + "…";
        }
    }
}
