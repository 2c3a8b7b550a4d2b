package io.gilder.approval;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.NamedVersion;
import io.gilder.registry.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Opens approval requests: stores the task token under a fresh unguessable id and e-mails a
 * summary with one link to the approval page. The token itself goes nowhere else.
 */
public final class ApprovalRequests {

    /** What is to be approved: everything of an {@link Approval} that the build knows beforehand. */
    public record Candidate(String executionArn, String imageId, NamedVersion product, NamedVersion os,
            String buildVersion, String sourceImageId, Approval.Findings findings, String evidenceLink,
            Approval.Policy policy, ReviewSheet review) {

        /** A candidate without a review sheet. */
        public Candidate(String executionArn, String imageId, NamedVersion product, NamedVersion os, String buildVersion,
                String sourceImageId, Approval.Findings findings, String evidenceLink, Approval.Policy policy) {
            this(executionArn, imageId, product, os, buildVersion, sourceImageId, findings, evidenceLink, policy, null);
        }
    }

    static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApprovalStore store;
    private final Notifier notifier;
    private final ApprovalIds ids;
    private final String baseUrl;
    private final Clock clock;
    private final int requiredApprovals;

    /** @param baseUrl base of approval links, {@code null} when not configured (fails at use) */
    public ApprovalRequests(ApprovalStore store, Notifier notifier, ApprovalIds ids, String baseUrl, Clock clock) {
        this(store, notifier, ids, baseUrl, clock, 1);
    }

    /** @param requiredApprovals how many distinct approvers each request needs (1 to {@value #MAX_APPROVERS}) */
    public ApprovalRequests(ApprovalStore store, Notifier notifier, ApprovalIds ids, String baseUrl, Clock clock, int requiredApprovals) {
        this.store = store;
        this.notifier = notifier;
        this.ids = ids;
        this.baseUrl = baseUrl;
        this.clock = clock;
        this.requiredApprovals = requiredApprovals;
    }

    /** The most approvers a quorum may ask for. */
    public static final int MAX_APPROVERS = 5;

    /**
     * Stores and announces a request that expires when the waiting task times out.
     *
     * @param timeout the approval task's time-out; the link stops working at the same moment
     * @throws InvalidRequestException when the token is missing or the time-out is not positive
     */
    public Approval open(Candidate candidate, String taskToken, Duration timeout) {
        return open(candidate, taskToken, timeout, null);
    }

    /**
     * As {@link #open(Candidate, String, Duration)}, the time-out counted from {@code waitingSince}, when the waiting task
     * started (Step Functions' {@code $$.State.EnteredTime}): its timer starts then, not when this function runs, so the
     * link expires exactly when the task times out instead of a cold start later.
     *
     * @param waitingSince null, or later than now: counted from now
     */
    public Approval open(Candidate candidate, String taskToken, Duration timeout, Instant waitingSince) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException("gilder.approvals.base-url (GILDER_APPROVALS_BASE_URL) is not set");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (taskToken == null || taskToken.isBlank()) {
            problems.add(new FieldProblem("taskToken", "is required: invoke with lambda:invoke.waitForTaskToken"));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add(new FieldProblem("timeoutSeconds", "must be positive, not " + timeout.toSeconds()));
        }
        if (requiredApprovals < 1 || requiredApprovals > MAX_APPROVERS) {
            problems.add(new FieldProblem("requiredApprovals", "must be 1 to " + MAX_APPROVERS + " (stack parameter RequiredApprovals), not "
                    + requiredApprovals));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Approval request", problems);
        }
        Instant now = clock.instant();
        Instant deadline = (waitingSince == null || waitingSince.isAfter(now) ? now : waitingSince).plus(timeout);
        Approval approval = Approval.pending(ids.next(), candidate.executionArn(), candidate.imageId(), candidate.product(),
                candidate.os(), candidate.buildVersion(), candidate.sourceImageId(), candidate.findings(),
                candidate.evidenceLink(), candidate.policy(), now, deadline, candidate.review()).requiring(requiredApprovals);
        store.create(approval, taskToken);
        notifier.notify("Approve " + (approval.findings().scanned() ? "" : "UNSCANNED ") + "golden image " + approval.title() + "?",
                message(approval, link(approval)));
        return approval;
    }

    String link(Approval approval) {
        return baseUrl.replaceAll("/+$", "") + "/" + approval.approvalId();
    }

    /** The e-mail: a readable summary and exactly one link. */
    static String message(Approval approval, String link) {
        Approval.Findings findings = approval.findings();
        return String.join("\n",
                "A candidate golden image waits for your decision.",
                "",
                "  Product:      " + approval.product().id(),
                "  OS:           " + approval.os().id(),
                "  Build:        " + approval.buildVersion(),
                "  Candidate:    " + approval.imageId(),
                approval.review() == null ? "  Source image: " + approval.sourceImageId() : String.join("\n", approval.review().lines()),
                findings.scanned()
                        ? "  Findings:     " + findings.total() + " in total, highest severity " + findings.highestSeverity()
                                + " (" + bySeverity(findings.bySeverity()) + ")" + (findings.scanner() == null ? "" : ", scanner " + findings.scanner())
                        : "  Findings:     NOT SCANNED - this image was built with scanner none; no vulnerability scan ran",
                "  Scan policy:  " + (approval.policy().passed() ? "passed" : "FAILED") + " - " + approval.policy().reason(),
                "",
                "Review it, then approve or deny it, on this page (valid until " + READABLE.format(approval.expiresAt())
                        + "; it also links the scan evidence for a few minutes at a time):",
                "",
                link,
                "",
                "Without a decision by then the candidate is discarded.",
                "Execution: " + approval.executionArn());
    }

    private static String bySeverity(Map<Integer, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<Integer, Integer>comparingByKey().reversed())
                .map(e -> "severity " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }
}
