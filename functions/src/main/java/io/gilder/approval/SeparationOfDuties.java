package io.gilder.approval;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The stack's separation of duties: when it is required, the person who started a build may not approve it (denying it
 * stays open to them), and a build whose starter is unknown cannot be approved at all (fail closed).
 *
 * <p>A starter is an IAM ARN; an approver is a verified OpenID Connect identity or an IAM ARN. They are the same person
 * when the ARNs are equal, or when the name the ARN ends with (an IAM user's name, or the role session name, which IAM
 * Identity Center sets to the user's name) is the approver's verified e-mail, subject or, for IAM approvers, their own
 * ARN's name.
 */
public final class SeparationOfDuties {

    /** No separation required. */
    public static final SeparationOfDuties NONE = new SeparationOfDuties(false, executionArn -> Optional.empty());

    private final boolean required;
    private final BuildStarters starters;

    public SeparationOfDuties(boolean required, BuildStarters starters) {
        this.required = required;
        this.starters = starters;
    }

    /** Why {@code approver} may not cast {@code decision} on {@code approval}; empty when they may. */
    public Optional<ApprovalDecision.Refusal> refusal(Approval approval, Approver approver, ApprovalStatus decision) {
        if (!required || decision != ApprovalStatus.APPROVED) {
            return Optional.empty();
        }
        Optional<String> starter = starters.startedBy(approval.executionArn());
        if (starter.isEmpty()) {
            return Optional.of(ApprovalDecision.Refusal.STARTER_UNKNOWN);
        }
        return samePerson(starter.get(), approver) ? Optional.of(ApprovalDecision.Refusal.STARTED_THE_BUILD) : Optional.empty();
    }

    /** Whether the IAM principal {@code starterArn} and {@code approver} are one person (see the class comment). */
    static boolean samePerson(String starterArn, Approver approver) {
        String starterName = name(starterArn);
        if (approver.subject().equals(starterArn)) {
            return true;
        }
        Set<String> approverNames = "aws:iam".equals(approver.issuer())
                ? Set.of(name(approver.subject()))
                : approver.email() == null ? Set.of(lower(approver.subject())) : Set.of(lower(approver.subject()), lower(approver.email()));
        return starterName != null && approverNames.contains(starterName);
    }

    /** The last part of an IAM ARN's resource (user name, or role session name), lower case; null when there is none. */
    static String name(String arn) {
        if (arn == null) {
            return null;
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 || slash == arn.length() - 1 ? null : lower(arn.substring(slash + 1));
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
