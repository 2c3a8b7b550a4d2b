package io.gilder.approval;

/**
 * Output of {@code request-approval} (the Lambda's own result; the task's result is the decision). It names the
 * approval by its reference, never by the id of its link: whatever Lambda or Step Functions record of it reveals no link.
 *
 * @param reference {@link ApprovalIds#reference} of the approval
 * @param expiresAt ISO-8601 instant at which the link stops working
 */
public record ApprovalTicket(String reference, String expiresAt) {}
