package io.gilder.build.cleanup;

/**
 * The approval requests of a build that still wait for a decision. When the build ends without one (it failed, was
 * aborted or timed out while waiting, or its "Request Approval" stored a request and then failed), its requests are
 * ended: nobody can decide them any more and their task tokens are removed, while the records stay for the audit
 * until the table's TTL purges them. Failures surface as {@link io.gilder.error.GilderException}s.
 */
public interface PendingApprovals {

    /**
     * Ends every request of {@code executionArn} still pending, each in one conditional write, so that a decision
     * landing at the same moment either came first (the request stays decided) or is refused as "the build ended".
     * Idempotent: a request already ended or decided is left as it is.
     *
     * @return how many requests this call ended
     */
    int endPendingOf(String executionArn);
}
