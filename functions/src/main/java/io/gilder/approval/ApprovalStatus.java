package io.gilder.approval;

/** Where an approval request stands. Only {@link #PENDING} can change, and only once. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    DENIED,
    /**
     * The build ended (failed, was aborted or timed out) before anyone decided: nobody can decide any more, and the
     * request's task token is gone ({@link io.gilder.build.cleanup.PendingApprovals}).
     */
    ENDED
}
