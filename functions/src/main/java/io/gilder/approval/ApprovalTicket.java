package io.gilder.approval;

/**
 * Output of {@code request-approval} (the Lambda's own result; the task's result is the decision).
 *
 * @param expiresAt ISO-8601 instant at which the link stops working
 */
public record ApprovalTicket(String approvalId, String expiresAt) {}
