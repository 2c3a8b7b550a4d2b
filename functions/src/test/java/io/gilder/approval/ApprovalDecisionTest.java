package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.error.InvalidRequestException;
import io.gilder.testing.Approvals;
import io.gilder.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalDecisionTest {

    private final Approval pending = Approvals.pending(Approvals.newId());
    private final MutableClock clock = new MutableClock(Approvals.CREATED);
    private final ApprovalDecision rules = new ApprovalDecision(clock);

    @Test
    void aPendingApprovalBeforeItsExpiryCanBeDecided() {
        clock.set(Approvals.EXPIRES.minusMillis(1));

        assertThat(rules.refusal(Optional.of(pending))).isEmpty();
    }

    @Test
    void anUnknownApprovalIsRefusedAsUnknown() {
        assertThat(rules.refusal(Optional.empty())).contains(Refusal.UNKNOWN);
    }

    @Test
    void anApprovalExpiresAtItsExpiryInstant() {
        clock.set(Approvals.EXPIRES);

        assertThat(rules.refusal(Optional.of(pending))).contains(Refusal.EXPIRED);
    }

    @Test
    void aDecidedApprovalIsRefusedAsDecidedEvenAfterItsExpiry() {
        Approval decided = pending.decided(ApprovalDecision.vote("DENIED", "Ann", null), Approvals.CREATED.plusSeconds(60));

        assertThat(rules.refusal(Optional.of(decided))).contains(Refusal.ALREADY_DECIDED);
        clock.set(Approvals.EXPIRES.plus(Duration.ofDays(1)));
        assertThat(rules.refusal(Optional.of(decided))).contains(Refusal.ALREADY_DECIDED);
    }

    @Test
    void anApprovalWhoseBuildEndedIsRefusedAsEndedNotAsDecidedOrExpired() {
        Approval ended = pending.ended(Approvals.CREATED.plusSeconds(60));

        assertThat(rules.refusal(Optional.of(ended))).contains(Refusal.BUILD_ENDED);
        assertThat(ApprovalDecision.refusalAt(Optional.of(ended), ended.expiresAt().plusSeconds(1))).contains(Refusal.BUILD_ENDED);
    }

    @Test
    void theRuleAtAGivenInstantIgnoresTheClock() {
        clock.set(Instant.EPOCH);

        assertThat(ApprovalDecision.refusalAt(Optional.of(pending), Approvals.EXPIRES)).contains(Refusal.EXPIRED);
    }

    @Test
    void aVoteIsTrimmedAndAnEmptyCommentIsNone() {
        ApprovalDecision.Vote vote = ApprovalDecision.vote("APPROVED", "  Ann Smith \n", "   ");

        assertThat(vote).isEqualTo(new ApprovalDecision.Vote(ApprovalStatus.APPROVED, "Ann Smith", null));
    }

    @Test
    void aCommentKeepsItsLineBreaks() {
        assertThat(ApprovalDecision.vote("DENIED", "Ann", " too many findings\r\nsee ticket 12\t ").comment())
                .isEqualTo("too many findings\r\nsee ticket 12");
    }

    @Test
    void limitsAreInclusive() {
        assertThat(ApprovalDecision.vote("APPROVED", "a".repeat(256), "c".repeat(1000)).approver()).hasSize(256);
        assertThat(ApprovalDecision.vote("APPROVED", "😀".repeat(100), null).approver()).as("counted in characters, not UTF-16 units")
                .hasSize(200);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        assertThatThrownBy(() -> ApprovalDecision.vote("MAYBE", " ", "c".repeat(1001)))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fields()).containsExactly("decision", "approver", "comment"))
                .hasMessageContaining("decision must be APPROVED or DENIED")
                .hasMessageContaining("approver is required")
                .hasMessageContaining("comment must be at most 1000 characters");
    }

    @Test
    void aMissingDecisionOrApproverIsReported() {
        assertThatThrownBy(() -> ApprovalDecision.vote(null, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fields()).containsExactly("decision", "approver"));
    }

    @Test
    void decisionsAreExactWords() {
        assertThatThrownBy(() -> ApprovalDecision.vote("approved", "Ann", null)).hasMessageContaining("decision");
        assertThatThrownBy(() -> ApprovalDecision.vote("PENDING", "Ann", null)).hasMessageContaining("decision");
    }

    @Test
    void aTooLongApproverIsRejected() {
        assertThatThrownBy(() -> ApprovalDecision.vote("APPROVED", "a".repeat(257), null))
                .hasMessageContaining("approver must be at most 256 characters");
    }

    @Test
    void controlAndInvisibleCharactersAreRejectedInTheName() {
        assertThatThrownBy(() -> ApprovalDecision.vote("APPROVED", "Ann\nSmith", null)).hasMessageContaining("approver must not contain");
        assertThatThrownBy(() -> ApprovalDecision.vote("APPROVED", "Ann\u0000", null)).hasMessageContaining("approver must not contain");
        assertThatThrownBy(() -> ApprovalDecision.vote("APPROVED", "\u202Enna", null)).hasMessageContaining("approver must not contain");
    }

    @Test
    void controlCharactersOtherThanLineBreaksAndTabsAreRejectedInTheComment() {
        assertThatThrownBy(() -> ApprovalDecision.vote("APPROVED", "Ann", "ok\u0007")).hasMessageContaining("comment must not contain");
        assertThatThrownBy(() -> ApprovalDecision.vote("APPROVED", "Ann", "ok\u001B[31m")).hasMessageContaining("comment must not contain");
    }
}
