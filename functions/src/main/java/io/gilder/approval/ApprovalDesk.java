package io.gilder.approval;

import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.error.ApprovalTaskClosedException;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.RetryableException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Shows approvals and takes decisions. Showing never changes anything (mail scanners fetch links);
 * deciding writes once, conditionally, and only the winner answers the waiting build.
 */
public final class ApprovalDesk {

    private final ApprovalStore store;
    private final TaskCallback callback;
    private final ApprovalDecision rules;
    private final Clock clock;

    public ApprovalDesk(ApprovalStore store, TaskCallback callback, Clock clock) {
        this.store = store;
        this.callback = callback;
        this.rules = new ApprovalDecision(clock);
        this.clock = clock;
    }

    /** The approval behind a link, read-only. */
    public ApprovalOutcome show(String approvalId) {
        if (!ApprovalIds.isWellFormed(approvalId)) {
            return new ApprovalOutcome.Refused(Refusal.MALFORMED_ID, null);
        }
        Optional<Approval> approval = store.find(approvalId);
        return rules.refusal(approval)
                .<ApprovalOutcome>map(reason -> new ApprovalOutcome.Refused(reason, approval.orElse(null)))
                .orElseGet(() -> new ApprovalOutcome.Open(approval.get()));
    }

    /** Decides an approval with the values of the submitted form. */
    public ApprovalOutcome decide(String approvalId, String decision, String approver, String comment) {
        ApprovalOutcome current = show(approvalId);
        if (!(current instanceof ApprovalOutcome.Open open)) {
            return current;
        }
        ApprovalDecision.Vote vote;
        try {
            vote = ApprovalDecision.vote(decision, approver, comment);
        } catch (InvalidRequestException e) {
            return new ApprovalOutcome.Invalid(open.approval(), e.getMessage(), approver, comment);
        }
        Instant at = clock.instant();
        ApprovalStore.Decided result = store.decide(approvalId, vote, at);
        if (result instanceof ApprovalStore.Lost lost) {
            return new ApprovalOutcome.Refused(lost.reason(), store.find(approvalId).orElse(null));
        }
        Approval decided = open.approval().decided(vote, at);
        try {
            callback.succeed(((ApprovalStore.Won) result).taskToken(), answer(vote, at));
            return new ApprovalOutcome.Recorded(decided);
        } catch (ApprovalTaskClosedException e) {
            return new ApprovalOutcome.TooLate(decided);
        } catch (RetryableException e) {
            store.reopen(approvalId, at);
            return new ApprovalOutcome.Undelivered(open.approval());
        }
    }

    /** The approval task's result: {@code {decision, approver, comment, decidedAt}}. */
    static String answer(ApprovalDecision.Vote vote, Instant at) {
        return "{\"decision\":" + JsonText.quote(vote.decision().name()) + ",\"approver\":" + JsonText.quote(vote.approver())
                + ",\"comment\":" + JsonText.quote(vote.comment()) + ",\"decidedAt\":" + JsonText.quote(at.toString()) + "}";
    }
}
