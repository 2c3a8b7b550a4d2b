package io.gilder.approval;

/** Where an approval request stands. Only {@link #PENDING} can change, and only once. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    DENIED
}
