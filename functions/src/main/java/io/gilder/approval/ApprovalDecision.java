package io.gilder.approval;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When an approval may be decided, and what a decision must contain. An approval can be decided
 * once, while pending and before it expires ({@code expiresAt <= now} is expired).
 */
public final class ApprovalDecision {

    /** Why an approval cannot be decided; each has its own page. */
    public enum Refusal {
        /** The id in the link is not one Gilder makes (tampered or garbled). */
        MALFORMED_ID,
        /** No approval has this id (never existed, or purged long after it expired). */
        UNKNOWN,
        /** Nobody decided in time; the build counts it as a denial. */
        EXPIRED,
        /** Somebody already approved or denied it. */
        ALREADY_DECIDED,
        /** The build ended (failed, was stopped or timed out) before anyone decided; nothing can be decided any more. */
        BUILD_ENDED,
        /** This approver's approval is already counted; the quorum needs someone else. */
        ALREADY_VOTED,
        /** Separation of duties: this approver started the build, so someone else must approve it. */
        STARTED_THE_BUILD,
        /** Separation of duties is required, but the build was not started through Gilder's route, so its starter is unknown. */
        STARTER_UNKNOWN
    }

    /**
     * A well-formed decision.
     *
     * @param decision {@link ApprovalStatus#APPROVED} or {@link ApprovalStatus#DENIED}
     * @param approver trimmed, 1-256 characters
     * @param comment  trimmed, at most 1000 characters, {@code null} when none
     */
    public record Vote(ApprovalStatus decision, String approver, String comment) {}

    static final int MAX_APPROVER = 256;
    static final int MAX_COMMENT = 1000;
    /** Control and invisible formatting characters (which can disguise a name, e.g. right-to-left overrides). */
    private static final Pattern NAME_FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    /** The same, except line breaks and tabs, which a comment may hold. */
    private static final Pattern COMMENT_FORBIDDEN = Pattern.compile("[\\p{Cf}\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");

    private final Clock clock;

    public ApprovalDecision(Clock clock) {
        this.clock = clock;
    }

    /** Why {@code approval} (empty: not found) cannot be decided now; empty when it can. */
    public Optional<Refusal> refusal(Optional<Approval> approval) {
        return refusalAt(approval, clock.instant());
    }

    /**
     * Why {@code approval} cannot be decided at {@code at}; empty when it can. A decided approval
     * reports {@link Refusal#ALREADY_DECIDED} even after it expired: that is the more useful answer.
     */
    public static Optional<Refusal> refusalAt(Optional<Approval> approval, Instant at) {
        if (approval.isEmpty()) {
            return Optional.of(Refusal.UNKNOWN);
        }
        if (approval.get().status() == ApprovalStatus.ENDED) {
            return Optional.of(Refusal.BUILD_ENDED);
        }
        if (approval.get().status() != ApprovalStatus.PENDING) {
            return Optional.of(Refusal.ALREADY_DECIDED);
        }
        if (!approval.get().expiresAt().isAfter(at)) {
            return Optional.of(Refusal.EXPIRED);
        }
        return Optional.empty();
    }

    /**
     * Reads a decision as submitted by the approval form.
     *
     * @throws InvalidRequestException naming every field that is wrong
     */
    public static Vote vote(String decision, String approver, String comment) {
        List<FieldProblem> problems = new ArrayList<>();
        ApprovalStatus status = null;
        if ("APPROVED".equals(decision) || "DENIED".equals(decision)) {
            status = ApprovalStatus.valueOf(decision);
        } else {
            problems.add(new FieldProblem("decision", "must be APPROVED or DENIED"));
        }
        String name = approver == null ? "" : approver.strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("approver", "is required: enter your name"));
        } else if (name.codePointCount(0, name.length()) > MAX_APPROVER) {
            problems.add(new FieldProblem("approver", "must be at most " + MAX_APPROVER + " characters"));
        } else if (NAME_FORBIDDEN.matcher(name).find()) {
            problems.add(new FieldProblem("approver", "must not contain control characters"));
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.codePointCount(0, note.length()) > MAX_COMMENT) {
            problems.add(new FieldProblem("comment", "must be at most " + MAX_COMMENT + " characters"));
        } else if (note != null && COMMENT_FORBIDDEN.matcher(note).find()) {
            problems.add(new FieldProblem("comment", "must not contain control characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Decision", problems);
        }
        return new Vote(status, name, note);
    }
}
