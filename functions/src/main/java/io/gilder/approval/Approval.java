package io.gilder.approval;

import io.gilder.registry.NamedVersion;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One request to approve a candidate image, as a person sees it. The Step Functions task token it
 * answers is deliberately not part of this record: it stays in the approval store.
 *
 * @param approvalId    the unguessable id in the approval link ({@link ApprovalIds})
 * @param executionArn  the build execution waiting for the answer
 * @param imageId       the candidate AMI
 * @param buildVersion  the build version the image will be registered under
 * @param sourceImageId the AMI the candidate was built from
 * @param evidenceLink  where the scan evidence lies (e.g. {@code s3://bucket/key}), {@code null} when none
 * @param expiresAt     the moment the link stops working (the approval task times out then too)
 * @param decidedBy     who decided; {@code null} while {@link ApprovalStatus#PENDING}
 * @param comment       the approver's comment; {@code null} when none was given
 * @param decidedAt     when it was decided; {@code null} while pending
 * @param review        everything that went into the candidate ({@link ReviewSheet}); {@code null} for requests stored
 *                      before Gilder kept it
 * @param requiredApprovals how many distinct approvers must approve (a quorum; at least 1); one denial denies
 * @param approvedBy    who approved so far, in order, while the quorum is not reached; all of them once approved
 */
public record Approval(
        String approvalId,
        String executionArn,
        String imageId,
        NamedVersion product,
        NamedVersion os,
        String buildVersion,
        String sourceImageId,
        Findings findings,
        String evidenceLink,
        Policy policy,
        Instant createdAt,
        Instant expiresAt,
        ApprovalStatus status,
        String decidedBy,
        String comment,
        Instant decidedAt,
        ReviewSheet review,
        int requiredApprovals,
        java.util.List<String> approvedBy) {

    public Approval {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        requiredApprovals = Math.max(1, requiredApprovals);
        approvedBy = approvedBy == null ? java.util.List.of() : java.util.List.copyOf(approvedBy);
    }

    /** An approval one approver decides. */
    public Approval(String approvalId, String executionArn, String imageId, NamedVersion product, NamedVersion os, String buildVersion,
            String sourceImageId, Findings findings, String evidenceLink, Policy policy, Instant createdAt, Instant expiresAt,
            ApprovalStatus status, String decidedBy, String comment, Instant decidedAt, ReviewSheet review) {
        this(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings, evidenceLink, policy, createdAt,
                expiresAt, status, decidedBy, comment, decidedAt, review, 1, java.util.List.of());
    }

    /** An approval without a review sheet. */
    public Approval(String approvalId, String executionArn, String imageId, NamedVersion product, NamedVersion os, String buildVersion,
            String sourceImageId, Findings findings, String evidenceLink, Policy policy, Instant createdAt, Instant expiresAt,
            ApprovalStatus status, String decidedBy, String comment, Instant decidedAt) {
        this(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings, evidenceLink, policy, createdAt,
                expiresAt, status, decidedBy, comment, decidedAt, null);
    }

    /**
     * Scan findings counted by severity.
     *
     * @param bySeverity      severity (1 = informational … 5 = urgent) to number of findings; every severity is present
     * @param highestSeverity highest severity found, 0 when nothing was found
     * @param scanner         the scanner that found them ({@code qualys}, {@code tenable}, {@code inspector}), {@link #UNSCANNED}
     *                        when the build skipped the scan, {@code null} when not known
     */
    public record Findings(Map<Integer, Integer> bySeverity, int highestSeverity, int total, String scanner) {

        /** The scanner name of a build that skipped the scan (scanner {@code none}). */
        public static final String UNSCANNED = "none";

        public Findings {
            Map<Integer, Integer> counts = new TreeMap<>();
            for (int severity = 1; severity <= 5; severity++) {
                counts.put(severity, bySeverity == null ? 0 : bySeverity.getOrDefault(severity, 0));
            }
            bySeverity = java.util.Collections.unmodifiableMap(counts);
        }

        /** Findings of an unnamed scanner. */
        public Findings(Map<Integer, Integer> bySeverity, int highestSeverity, int total) {
            this(bySeverity, highestSeverity, total, null);
        }

        /** False when the candidate was never scanned: zero findings then mean nothing. */
        public boolean scanned() {
            return !UNSCANNED.equals(scanner);
        }
    }

    /** The scan policy's verdict; {@code reason} says why in a sentence. */
    public record Policy(boolean passed, String reason) {}

    /** A new pending approval without a review sheet. */
    public static Approval pending(String approvalId, String executionArn, String imageId, NamedVersion product,
            NamedVersion os, String buildVersion, String sourceImageId, Findings findings, String evidenceLink,
            Policy policy, Instant createdAt, Instant expiresAt) {
        return pending(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings, evidenceLink, policy,
                createdAt, expiresAt, null);
    }

    /** A new pending approval. */
    public static Approval pending(String approvalId, String executionArn, String imageId, NamedVersion product,
            NamedVersion os, String buildVersion, String sourceImageId, Findings findings, String evidenceLink,
            Policy policy, Instant createdAt, Instant expiresAt, ReviewSheet review) {
        return new Approval(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings,
                evidenceLink, policy, createdAt, expiresAt, ApprovalStatus.PENDING, null, null, null, review);
    }

    /** This pending approval, to be approved by {@code required} distinct approvers. */
    public Approval requiring(int required) {
        return new Approval(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings,
                evidenceLink, policy, createdAt, expiresAt, status, decidedBy, comment, decidedAt, review, required, approvedBy);
    }

    /**
     * This approval once {@code vote} decided it at {@code at}: a denial names its approver; the approval that completes
     * the quorum names every approver, in order.
     */
    public Approval decided(ApprovalDecision.Vote vote, Instant at) {
        java.util.List<String> approvers = vote.decision() == ApprovalStatus.APPROVED ? withApprover(vote.approver()) : approvedBy;
        String by = vote.decision() == ApprovalStatus.APPROVED ? String.join(", ", approvers) : vote.approver();
        return new Approval(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings,
                evidenceLink, policy, createdAt, expiresAt, vote.decision(), by, vote.comment(), at, review, requiredApprovals, approvers);
    }

    /** This pending approval once its build ended at {@code at} without a decision ({@link ApprovalStatus#ENDED}). */
    public Approval ended(Instant at) {
        return new Approval(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings,
                evidenceLink, policy, createdAt, expiresAt, ApprovalStatus.ENDED, null, null, at, review, requiredApprovals, approvedBy);
    }

    /** This pending approval with one more approval counted, the quorum not yet reached. */
    public Approval counted(ApprovalDecision.Vote vote) {
        return new Approval(approvalId, executionArn, imageId, product, os, buildVersion, sourceImageId, findings,
                evidenceLink, policy, createdAt, expiresAt, status, decidedBy, comment, decidedAt, review, requiredApprovals,
                withApprover(vote.approver()));
    }

    /** How many approvals the quorum still needs. */
    public int approvalsMissing() {
        return Math.max(0, requiredApprovals - approvedBy.size());
    }

    private java.util.List<String> withApprover(String approver) {
        java.util.List<String> all = new java.util.ArrayList<>(approvedBy);
        all.add(approver);
        return all;
    }

    /** A one-line name of what is being approved, e.g. {@code WebServer-1.0 on AmazonLinux-2023, build 7}. */
    public String title() {
        return product.id() + " on " + os.id() + ", build " + buildVersion;
    }
}
