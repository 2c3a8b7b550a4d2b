package io.gilder.approval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gilder.build.BuildRequest;
import io.gilder.build.ImageFacts;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Input of {@code request-approval}, as the state passes it with {@code $$.Task.Token}. Unknown
 * properties are ignored so that the scan and policy states may add fields.
 *
 * @param timeoutSeconds the task's {@code TimeoutSecondsPath} value; the link expires with the task
 * @param waitingSince   when the waiting task started ({@code $$.State.EnteredTime}, ISO-8601), from which its time-out runs;
 *                       null: from now
 * @param attempt        {@code $$.State.RetryCount}: on a retry the state is not entered again but the time-out starts
 *                       afresh, so it runs from now
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestApprovalInput(String taskToken, String executionArn, String imageId, BuildRequest request,
        ImageFacts sourceImage, ScanSummary scan, PolicyResult policy, long timeoutSeconds, String waitingSince, int attempt) {

    public RequestApprovalInput(String taskToken, String executionArn, String imageId, BuildRequest request,
            ImageFacts sourceImage, ScanSummary scan, PolicyResult policy, long timeoutSeconds) {
        this(taskToken, executionArn, imageId, request, sourceImage, scan, policy, timeoutSeconds, null, 0);
    }

    /** {@code collect-findings}' output. {@code bySeverity} maps "1".."5" to counts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ScanSummary(String scanner, String scanRef, int total, int highestSeverity,
            Map<String, Integer> bySeverity, Evidence evidence, String proof) {}

    /** Where {@code collect-findings} stored the raw and the normalized findings. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String raw, String findings) {}

    /** {@code evaluate-scan-policy}'s output (its other fields are not shown to the approver). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PolicyResult(boolean passed, String reason) {}

    /** What the approver is asked about, without the findings themselves. */
    ApprovalRequests.Candidate candidate() {
        return candidate(List.of());
    }

    /**
     * What the approver is asked about. A missing scan or policy result is shown as such, never as a pass.
     *
     * @param stored the scan's stored normalized findings, of which the worst are listed (empty when unscanned)
     */
    ApprovalRequests.Candidate candidate(List<io.gilder.scan.Finding> stored) {
        if (request == null) {
            throw new InvalidRequestException("Approval request", List.of(new FieldProblem("request", "is required")));
        }
        Map<Integer, Integer> counts = new HashMap<>();
        if (scan != null && scan.bySeverity() != null) {
            scan.bySeverity().forEach((severity, count) -> counts.put(Integer.valueOf(severity), count));
        }
        Approval.Findings findings = scan == null ? new Approval.Findings(Map.of(), 0, 0)
                : new Approval.Findings(counts, scan.highestSeverity(), scan.total(), scan.scanner());
        Evidence evidence = scan == null ? null : scan.evidence();
        String evidenceLink = evidence == null ? null : evidence.findings() != null ? evidence.findings() : evidence.raw();
        Approval.Policy verdict = policy == null ? new Approval.Policy(false, "no scan policy result was given")
                : new Approval.Policy(policy.passed(), policy.reason());
        return new ApprovalRequests.Candidate(executionArn, imageId, request.product(), request.os(),
                request.buildVersion(), sourceImage == null ? request.sourceAmiId() : sourceImage.imageId(), findings,
                evidenceLink, verdict, ReviewSheet.of(request, sourceImage, scan == null ? null : scan.scanner(),
                        scan == null ? null : scan.scanRef(), scan == null ? null : scan.proof(), stored));
    }

    /** Never prints the task token. */
    @Override
    public String toString() {
        return "RequestApprovalInput[executionArn=" + executionArn + ", imageId=" + imageId + ", timeoutSeconds="
                + timeoutSeconds + ", taskToken=<redacted>]";
    }
}
