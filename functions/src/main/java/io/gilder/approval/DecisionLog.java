package io.gilder.approval;

/** Where every view and decision of an approval is kept for audit, append-only: nothing written can be changed or removed. */
public interface DecisionLog {

    /**
     * Keeps {@code record}; never overwrites an earlier one.
     *
     * @throws io.gilder.error.AwsTransientException or another {@link RuntimeException} when it could not be kept
     */
    void append(AuditRecord record);
}
