package io.gilder.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Duration;

/**
 * "Request Approval" ({@code lambda:invoke.waitForTaskToken}): stores the task token under a
 * random id and e-mails the approval link. The build then waits until the approval page answers
 * the token, or until the task's time-out, which is also the link's expiry.
 */
@Named("request-approval")
public class RequestApprovalHandler implements RequestHandler<RequestApprovalInput, ApprovalTicket> {

    private final ApprovalRequests requests;

    RequestApprovalHandler(ApprovalRequests requests) {
        this.requests = requests;
    }

    @Override
    public ApprovalTicket handleRequest(RequestApprovalInput input, Context context) {
        Approval approval = requests.open(input.candidate(), input.taskToken(), Duration.ofSeconds(input.timeoutSeconds()));
        return new ApprovalTicket(approval.approvalId(), approval.expiresAt().toString());
    }
}
