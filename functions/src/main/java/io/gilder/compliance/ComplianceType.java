package io.gilder.compliance;

/**
 * A verdict of the compliance rule, as AWS Config's {@code PutEvaluations} accepts it. Config's
 * fourth value, {@code INSUFFICIENT_DATA}, is refused from a custom rule's function, so an instance
 * that cannot be verified is {@link #NON_COMPLIANT} with an annotation saying why.
 */
public enum ComplianceType {
    COMPLIANT,
    NON_COMPLIANT,
    NOT_APPLICABLE
}
