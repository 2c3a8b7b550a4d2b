package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.testing.Approvals;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeparationOfDutiesTest {

    private static final String ANN_SSO = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Builders_0123456789abcdef/ann@example.com";
    private final Approval approval = Approvals.pending(Approvals.newId());
    private final SeparationOfDuties required = new SeparationOfDuties(true,
            executionArn -> Optional.ofNullable(Map.of(approval.executionArn(), ANN_SSO).get(executionArn)));

    @Test
    void theStarterMayNotApproveUnderAnyOfTheirNamesButMayDeny() {
        assertThat(required.refusal(approval, new Approver("4a1b-ann", "Ann@Example.com", "https://idp"), ApprovalStatus.APPROVED))
                .contains(Refusal.STARTED_THE_BUILD);
        assertThat(required.refusal(approval, new Approver("ann@example.com", null, "https://idp"), ApprovalStatus.APPROVED))
                .as("by subject").contains(Refusal.STARTED_THE_BUILD);
        assertThat(required.refusal(approval, new Approver(ANN_SSO, null, "aws:iam"), ApprovalStatus.APPROVED)).contains(Refusal.STARTED_THE_BUILD);
        assertThat(required.refusal(approval, new Approver("arn:aws:sts::111122223333:assumed-role/GilderApprover/ann@example.com", null,
                "aws:iam"), ApprovalStatus.APPROVED)).as("the same session name under another role").contains(Refusal.STARTED_THE_BUILD);
        assertThat(required.refusal(approval, new Approver("4a1b-ann", "ann@example.com", "https://idp"), ApprovalStatus.DENIED))
                .as("a starter may stop their own build").isEmpty();
    }

    @Test
    void someoneElseMayApproveAndAnUnknownStarterRefusesEveryone() {
        assertThat(required.refusal(approval, new Approver("bob-1", "bob@example.com", "https://idp"), ApprovalStatus.APPROVED)).isEmpty();
        assertThat(required.refusal(approval, new Approver("ann", null, "https://idp"), ApprovalStatus.APPROVED))
                .as("only a whole name matches").isEmpty();
        Approval other = Approvals.pending(Approvals.newId());
        Approval startedElsewhere = new Approval(other.approvalId(), other.executionArn() + "-direct", other.imageId(), other.product(),
                other.os(), other.buildVersion(), other.sourceImageId(), other.findings(), other.evidenceLink(), other.policy(),
                other.createdAt(), other.expiresAt(), other.status(), null, null, null, null);
        assertThat(required.refusal(startedElsewhere, new Approver("bob-1", "bob@example.com", "https://idp"), ApprovalStatus.APPROVED))
                .contains(Refusal.STARTER_UNKNOWN);
        assertThat(SeparationOfDuties.NONE.refusal(startedElsewhere, new Approver("ann@example.com", null, "x"), ApprovalStatus.APPROVED))
                .isEmpty();
    }

    @Test
    void theDeskRefusesTheStartersApprovalAndChangesNothing() {
        FakeApprovalStore store = new FakeApprovalStore();
        store.create(approval, "token");
        FakeTaskCallback callback = new FakeTaskCallback();
        ApprovalDesk desk = new ApprovalDesk(store, callback, java.time.Clock.fixed(Approvals.CREATED, java.time.ZoneOffset.UTC), required);

        ApprovalOutcome outcome = desk.decide(approval.approvalId(), "APPROVED", new Approver("4a1b-ann", "ann@example.com", "https://idp"),
                null, ApprovalDesk.Recorder.NONE);

        assertThat(outcome).isEqualTo(new ApprovalOutcome.Refused(Refusal.STARTED_THE_BUILD, approval));
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
        assertThat(ApprovalPages.render(outcome).status()).isEqualTo(403);
    }
}
