package io.gilder.approval;

import io.gilder.approval.ApprovalDecision.Refusal;

/** What showing or deciding an approval came to; each kind has its own page. */
public sealed interface ApprovalOutcome {

    /** Pending and in time: show it with the decision form. */
    record Open(Approval approval) implements ApprovalOutcome {}

    /** Cannot be decided; {@code approval} is {@code null} when the id was malformed or unknown. */
    record Refused(Refusal reason, Approval approval) implements ApprovalOutcome {}

    /** The submitted form was incomplete or wrong; nothing changed. {@code approver}/{@code comment} as entered. */
    record Invalid(Approval approval, String problems, String approver, String comment) implements ApprovalOutcome {}

    /** An approval was counted; the quorum needs {@code approval.approvalsMissing()} more distinct approvers. */
    record Counted(Approval approval) implements ApprovalOutcome {}

    /** The decision was recorded and delivered: the build goes on accordingly. */
    record Recorded(Approval approval) implements ApprovalOutcome {}

    /**
     * The decision was recorded, but the build had stopped waiting and will not use it; {@code how} says how the wait
     * ended, as the execution itself reports it (timed out, aborted, failed).
     */
    record TooLate(Approval approval, String how) implements ApprovalOutcome {}

    /**
     * The decision is recorded but Step Functions could not be reached to deliver it, and the execution could not be
     * read to tell whether it arrived: the approval stays decided (never reopened), and the page offers to deliver it again.
     */
    record Undelivered(Approval approval) implements ApprovalOutcome {}
}
