package io.gilder.approval;

import io.gilder.approval.ApprovalDecision.Refusal;
import java.time.Instant;
import java.util.Optional;

/**
 * Approval requests and the Step Functions task tokens they answer. The token goes in with
 * {@link #create} and comes out only to the one caller whose {@link #decide} wins.
 * Failures to reach the store surface as {@link io.gilder.error.GilderException}s.
 */
public interface ApprovalStore {

    /**
     * Stores a new pending approval with its task token.
     *
     * @throws IllegalStateException when an approval with this id already exists (ids never repeat)
     */
    void create(Approval approval, String taskToken);

    /** The approval with this id, without its task token; empty when there is none. */
    Optional<Approval> find(String approvalId);

    /**
     * Records {@code vote} by {@code voter} (a stable key of the verified identity, e.g. issuer and subject) in one
     * conditional write that succeeds only while the approval is pending and {@code expiresAt > at}. A denial decides.
     * An approval decides when it completes the quorum ({@link Approval#requiredApprovals} distinct voters), else it is
     * counted; a voter whose approval is counted already is refused. Of any number of concurrent voters exactly one
     * decides.
     * <p>A voter whose decision the approval already is (this voter's vote decided it, with this same decision) gets
     * {@link Won} again, with the approval as recorded and nothing written: that is a retried write whose answer was lost
     * (the write landed, its answer did not; the retry finds the approval decided), or the same decision submitted again
     * after such a loss, and its delivery must be retried rather than refused as "already decided" while the build waits.
     *
     * @return the task token when this call decided (or found its voter's same decision), that it was counted, or why
     *         nothing was written
     */
    Decided decide(String approvalId, ApprovalDecision.Vote vote, String voter, Instant at);

    /**
     * The task token of an approval that is decided (approved or denied), to deliver its decision again when the first
     * delivery was uncertain; empty while pending or when unknown. A pending approval's token goes only to the winner of
     * {@link #decide}.
     */
    java.util.Optional<String> decidedToken(String approvalId);

    /** The result of {@link #decide}. */
    sealed interface Decided {}

    /**
     * This caller's vote decided the approval, now {@code decided} (or had decided it already: {@code decided} is then the
     * approval as recorded then, its decision time unchanged); {@code taskToken} is the token to answer.
     */
    record Won(String taskToken, Approval decided) implements Decided {
        @Override
        public String toString() {
            return "Won[decided=" + decided.status() + ", taskToken=<redacted>]";
        }
    }

    /** This approval was counted; the quorum needs {@code approval.approvalsMissing()} more. */
    record Counted(Approval approval) implements Decided {}

    /** Nothing was written: the approval was unknown, expired or already decided, or this voter's approval is counted already. */
    record Lost(Refusal reason) implements Decided {}
}
