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
 * deciding writes once, conditionally, and only the winner answers the waiting build. When that answer's fate is
 * uncertain (Step Functions unreachable, or the task no longer waiting), the execution's own history settles it: a
 * decision is never reopened, and a build that went on with it is never reported as timed out.
 */
public final class ApprovalDesk {

    private final ApprovalStore store;
    private final TaskCallback callback;
    private final ApprovalDecision rules;
    private final Clock clock;

    private final SeparationOfDuties duties;

    public ApprovalDesk(ApprovalStore store, TaskCallback callback, Clock clock) {
        this(store, callback, clock, SeparationOfDuties.NONE);
    }

    public ApprovalDesk(ApprovalStore store, TaskCallback callback, Clock clock, SeparationOfDuties duties) {
        this.duties = duties;
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

    /**
     * Keeps a decision on record before it is delivered: a decision that cannot be recorded is not delivered (it stays
     * decided, and "Deliver again" records and delivers it later).
     */
    @FunctionalInterface
    public interface Recorder {
        /** @throws RuntimeException when the record could not be kept */
        void decided(Approval decided);

        /** For callers that keep no record (tests of the rules alone). */
        Recorder NONE = decided -> { };
    }

    /** Decides an approval with the values of the submitted form, without a decision log. */
    public ApprovalOutcome decide(String approvalId, String decision, String approver, String comment) {
        return decide(approvalId, decision, approver, comment, Recorder.NONE);
    }

    /** Decides an approval with the values of the submitted form, the approver's name standing for an identity (tests of the rules). */
    public ApprovalOutcome decide(String approvalId, String decision, String approver, String comment, Recorder recorder) {
        return decide(approvalId, decision, new Approver(approver == null ? "" : approver, null, "unverified"), comment, recorder);
    }

    /**
     * Votes on an approval as {@code approver}, a verified identity: named by {@link Approver#displayName}, told apart by
     * issuer and subject (two approvals of one person count once) and checked against the stack's separation of duties.
     * A denial, or the approval that completes the quorum, decides; {@code recorder} keeps it on record before delivery.
     */
    public ApprovalOutcome decide(String approvalId, String decision, Approver identity, String comment, Recorder recorder) {
        String approver = identity.displayName();
        String voter = identity.issuer() + " " + identity.subject();
        ApprovalOutcome current = show(approvalId);
        // A decided approval still goes to the store: the same decision by the voter who decided it is delivered again
        // (its first answer may have been lost after the write landed); anyone else's is refused there, as already decided.
        Approval shown = current instanceof ApprovalOutcome.Open open ? open.approval()
                : current instanceof ApprovalOutcome.Refused refused && refused.reason() == Refusal.ALREADY_DECIDED ? refused.approval() : null;
        if (shown == null) {
            return current;
        }
        ApprovalDecision.Vote vote;
        try {
            vote = ApprovalDecision.vote(decision, approver, comment);
        } catch (InvalidRequestException e) {
            return shown.status() == ApprovalStatus.PENDING ? new ApprovalOutcome.Invalid(shown, e.getMessage(), approver, comment) : current;
        }
        if (shown.status() != ApprovalStatus.PENDING && shown.status() != vote.decision()) {
            return current;
        }
        Optional<Refusal> conflict = duties.refusal(shown, identity, vote.decision());
        if (conflict.isPresent()) {
            return new ApprovalOutcome.Refused(conflict.get(), shown);
        }
        // Milliseconds: the store keeps them, and a redelivered answer must carry the very same decidedAt.
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ApprovalStore.Decided result = store.decide(approvalId, vote, voter, at);
        if (result instanceof ApprovalStore.Lost lost) {
            return new ApprovalOutcome.Refused(lost.reason(), store.find(approvalId).orElse(null));
        }
        if (result instanceof ApprovalStore.Counted counted) {
            try {
                recorder.decided(counted.approval());
            } catch (RuntimeException notRecorded) {
                // Counted already (its submission is on record): the quorum's deciding vote will be recorded in full.
            }
            return new ApprovalOutcome.Counted(counted.approval());
        }
        ApprovalStore.Won won = (ApprovalStore.Won) result;
        return recordAndDeliver(won.decided(), won.taskToken(), answer(won.decided()), recorder);
    }

    /**
     * Delivers again a decision whose delivery was uncertain ({@link ApprovalOutcome.Undelivered}): the decided approval's
     * answer is sent once more, and what the execution says settles it. Anything but a decided approval is shown as it is.
     */
    public ApprovalOutcome redeliver(String approvalId) {
        return redeliver(approvalId, Recorder.NONE);
    }

    /** As {@link #redeliver(String)}, keeping the decision on record again before delivering it. */
    public ApprovalOutcome redeliver(String approvalId, Recorder recorder) {
        if (!ApprovalIds.isWellFormed(approvalId)) {
            return new ApprovalOutcome.Refused(Refusal.MALFORMED_ID, null);
        }
        Optional<Approval> found = store.find(approvalId);
        Optional<String> token = store.decidedToken(approvalId);
        if (found.isEmpty() || token.isEmpty() || found.get().status() == ApprovalStatus.PENDING) {
            return show(approvalId);
        }
        Approval decided = found.get();
        return recordAndDeliver(decided, token.get(), answer(decided), recorder);
    }

    private ApprovalOutcome recordAndDeliver(Approval decided, String taskToken, String answer, Recorder recorder) {
        try {
            recorder.decided(decided);
        } catch (RuntimeException notRecorded) {
            return new ApprovalOutcome.Undelivered(decided);
        }
        return deliver(decided, taskToken, answer);
    }

    /** Sends the answer; an uncertain or refused send is settled by reading the execution. */
    private ApprovalOutcome deliver(Approval decided, String taskToken, String answer) {
        try {
            callback.succeed(taskToken, answer);
            return new ApprovalOutcome.Recorded(decided);
        } catch (ApprovalTaskClosedException | RetryableException uncertain) {
            return settle(decided, taskToken, answer, uncertain instanceof RetryableException);
        } catch (io.gilder.error.TerminalException refused) {
            // e.g. AccessDenied: the decision is recorded, its delivery is not; never claim that nothing changed.
            return new ApprovalOutcome.Undelivered(decided);
        }
    }

    private ApprovalOutcome settle(Approval decided, String taskToken, String answer, boolean mayRetry) {
        TaskCallback.Delivery delivery;
        try {
            delivery = callback.delivery(decided.executionArn());
        } catch (RetryableException | io.gilder.error.TerminalException unreadable) {
            return new ApprovalOutcome.Undelivered(decided);
        }
        if (delivery instanceof TaskCallback.Delivery.Delivered) {
            return new ApprovalOutcome.Recorded(decided);
        }
        if (delivery instanceof TaskCallback.Delivery.Ended ended) {
            return new ApprovalOutcome.TooLate(decided, ended.how());
        }
        if (!mayRetry) {
            // Refused although the task still waits: the token no longer answers it. Say so rather than guess.
            return new ApprovalOutcome.TooLate(decided, "Step Functions no longer accepts this approval's answer");
        }
        try {
            callback.succeed(taskToken, answer);
            return new ApprovalOutcome.Recorded(decided);
        } catch (ApprovalTaskClosedException closedMeanwhile) {
            return settle(decided, taskToken, answer, false);
        } catch (RetryableException | io.gilder.error.TerminalException stillUndelivered) {
            return new ApprovalOutcome.Undelivered(decided);
        }
    }

    /**
     * The approval task's result: {@code {decision, approver, comment, decidedAt}}; with a quorum, {@code approver} names
     * every approver, in order, and the comment is the deciding vote's.
     */
    static String answer(Approval decided) {
        return "{\"decision\":" + JsonText.quote(decided.status().name()) + ",\"approver\":" + JsonText.quote(decided.decidedBy())
                + ",\"comment\":" + JsonText.quote(decided.comment()) + ",\"decidedAt\":" + JsonText.quote(decided.decidedAt().toString()) + "}";
    }
}
