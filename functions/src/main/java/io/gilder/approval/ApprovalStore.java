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
     * Records {@code vote} in one conditional write that succeeds only while the approval is
     * pending and {@code expiresAt > at}, so of any number of concurrent deciders exactly one wins.
     *
     * @return the task token when this call won, otherwise why it lost
     */
    Decided decide(String approvalId, ApprovalDecision.Vote vote, Instant at);

    /**
     * The task token of an approval that is decided (approved or denied), to deliver its decision again when the first
     * delivery was uncertain; empty while pending or when unknown. A pending approval's token goes only to the winner of
     * {@link #decide}.
     */
    java.util.Optional<String> decidedToken(String approvalId);

    /** The result of {@link #decide}. */
    sealed interface Decided {}

    /** This caller's decision was recorded; {@code taskToken} is the token to answer. */
    record Won(String taskToken) implements Decided {
        @Override
        public String toString() {
            return "Won[taskToken=<redacted>]";
        }
    }

    /** Nothing was written: the approval was unknown, expired or already decided. */
    record Lost(Refusal reason) implements Decided {}
}
