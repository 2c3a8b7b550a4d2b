package io.gilder.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.build.BuildRequestParser;
import io.gilder.error.FindingsNotFoundException;
import io.gilder.registry.EvidenceStore;
import io.gilder.scan.EvidenceJson;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsDocument;
import io.gilder.scan.ScanEvidence;
import jakarta.inject.Named;
import java.util.List;
import java.time.Duration;

/**
 * "Request Approval" ({@code lambda:invoke.waitForTaskToken}): stores the task token under a
 * random id and e-mails the approval link. The build then waits until the approval page answers
 * the token, or until the task's time-out, which is also the link's expiry.
 */
@Named("request-approval")
public class RequestApprovalHandler implements RequestHandler<RequestApprovalInput, ApprovalTicket> {

    private final ApprovalRequests requests;
    private final EvidenceStore evidence;

    RequestApprovalHandler(ApprovalRequests requests, EvidenceStore evidence) {
        this.requests = requests;
        this.evidence = evidence;
    }

    @Override
    public ApprovalTicket handleRequest(RequestApprovalInput input, Context context) {
        Approval approval = requests.open(input.candidate(storedFindings(input)), input.taskToken(),
                Duration.ofSeconds(input.timeoutSeconds()), input.attempt() == 0 ? waitingSince(input.waitingSince()) : null);
        return new ApprovalTicket(ApprovalIds.reference(approval.approvalId()), approval.expiresAt().toString());
    }

    /** The scan's normalized findings as Collect Findings stored them; none for an unscanned build. */
    private List<Finding> storedFindings(RequestApprovalInput input) {
        if (input.scan() == null || input.request() == null || input.scan().scanRef() == null
                || BuildRequestParser.NO_SCANNER.equals(input.scan().scanner())) {
            return List.of();
        }
        String key = ScanEvidence.key(input.request(), input.imageId(), input.scan().scanRef(), ScanEvidence.FINDINGS);
        return evidence.get(key).map(body -> EvidenceJson.read(body, FindingsDocument.class, key).findings()).orElseThrow(() ->
                new FindingsNotFoundException("No normalized findings of " + input.scan().scanner() + " scan " + input.scan().scanRef()
                        + " at " + key + ": the approver would see no findings"));
    }

    private static java.time.Instant waitingSince(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new io.gilder.error.InvalidRequestException("Approval request", java.util.List.of(new io.gilder.error.FieldProblem(
                    "waitingSince", "must be an ISO-8601 instant such as Step Functions' $$.State.EnteredTime, not " + text)));
        }
    }
}
