package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.approval.ApprovalDesk.Recorder;
import io.gilder.error.ApprovalTaskClosedException;
import io.gilder.error.AwsTransientException;
import io.gilder.testing.Approvals;
import io.gilder.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalDeskTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX-secret-task-token";

    private final FakeApprovalStore store = new FakeApprovalStore();
    private final FakeTaskCallback callback = new FakeTaskCallback();
    private final MutableClock clock = new MutableClock(Approvals.CREATED.plus(Duration.ofHours(1)));
    private final ApprovalDesk desk = new ApprovalDesk(store, callback, clock);
    private final String id = Approvals.newId();

    @BeforeEach
    void storeOne() {
        store.create(Approvals.pending(id), TOKEN);
    }

    @Test
    void showingChangesNothing() {
        for (int i = 0; i < 3; i++) {
            assertThat(desk.show(id)).isEqualTo(new ApprovalOutcome.Open(Approvals.pending(id)));
        }
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
    }

    @Test
    void aQuorumOfDistinctApproversDecidesAndNoOneCountsTwice() throws Exception {
        String quorum = Approvals.newId();
        store.create(Approvals.pending(quorum).requiring(2), TOKEN);

        ApprovalOutcome first = desk.decide(quorum, "APPROVED", new Approver("ann", "ann@example.com", "idp"), "fine", ApprovalDesk.Recorder.NONE);
        ApprovalOutcome again = desk.decide(quorum, "APPROVED", new Approver("ann", "ann@example.com", "idp"), "really", ApprovalDesk.Recorder.NONE);
        ApprovalOutcome renamed = desk.decide(quorum, "APPROVED", new Approver("ann", "ann.other@example.com", "idp"), "me again", ApprovalDesk.Recorder.NONE);

        assertThat(first).isInstanceOf(ApprovalOutcome.Counted.class);
        assertThat(((ApprovalOutcome.Counted) first).approval().approvalsMissing()).isEqualTo(1);
        assertThat(again).isInstanceOf(ApprovalOutcome.Refused.class).extracting(o -> ((ApprovalOutcome.Refused) o).reason())
                .isEqualTo(Refusal.ALREADY_VOTED);
        assertThat(renamed).as("the identity counts, not the name").extracting(o -> ((ApprovalOutcome.Refused) o).reason())
                .isEqualTo(Refusal.ALREADY_VOTED);
        assertThat(callback.answers).as("nothing delivered before the quorum").isEmpty();
        assertThat(store.find(quorum).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

        ApprovalOutcome second = desk.decide(quorum, "APPROVED", new Approver("bob", "bob@example.com", "idp"), "agreed", ApprovalDesk.Recorder.NONE);

        assertThat(second).isInstanceOf(ApprovalOutcome.Recorded.class);
        JsonNode answer = new ObjectMapper().readTree(callback.answers.get(0).outputJson());
        assertThat(answer.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(answer.get("approver").asText()).isEqualTo("ann@example.com, bob@example.com");
        assertThat(answer.get("comment").asText()).isEqualTo("agreed");
        assertThat(desk.decide(quorum, "DENIED", new Approver("carol", "carol@example.com", "idp"), null, ApprovalDesk.Recorder.NONE))
                .extracting(o -> ((ApprovalOutcome.Refused) o).reason()).isEqualTo(Refusal.ALREADY_DECIDED);
    }

    @Test
    void oneDenialDeniesAQuorumRequest() throws Exception {
        String quorum = Approvals.newId();
        store.create(Approvals.pending(quorum).requiring(3), TOKEN);
        desk.decide(quorum, "APPROVED", new Approver("ann", "ann@example.com", "idp"), null, ApprovalDesk.Recorder.NONE);

        ApprovalOutcome veto = desk.decide(quorum, "DENIED", new Approver("bob", "bob@example.com", "idp"), "kernel too old", ApprovalDesk.Recorder.NONE);

        assertThat(veto).isInstanceOf(ApprovalOutcome.Recorded.class);
        assertThat(new ObjectMapper().readTree(callback.answers.get(0).outputJson()).get("approver").asText()).isEqualTo("bob@example.com");
        assertThat(store.find(quorum).orElseThrow().status()).isEqualTo(ApprovalStatus.DENIED);
    }

    @Test
    void aMalformedIdIsRefusedWithoutALookUp() {
        ApprovalDesk strict = new ApprovalDesk(new FakeApprovalStore().failWith(new AssertionError("looked up")), callback, clock);

        assertThat(strict.show(id.substring(1) + "!")).isEqualTo(new ApprovalOutcome.Refused(Refusal.MALFORMED_ID, null));
        assertThat(strict.decide(null, "APPROVED", "Ann", null)).isEqualTo(new ApprovalOutcome.Refused(Refusal.MALFORMED_ID, null));
    }

    @Test
    void anUnknownIdIsRefused() {
        assertThat(desk.show(Approvals.newId())).isEqualTo(new ApprovalOutcome.Refused(Refusal.UNKNOWN, null));
    }

    @Test
    void approvingAnswersTheTaskOnceWithTheDecision() throws Exception {
        ApprovalOutcome outcome = desk.decide(id, "APPROVED", " Ann ", "looks good");

        assertThat(outcome).isInstanceOf(ApprovalOutcome.Recorded.class);
        Approval decided = ((ApprovalOutcome.Recorded) outcome).approval();
        assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo("Ann");
        assertThat(store.find(id)).contains(decided);
        assertThat(callback.answers).hasSize(1);
        assertThat(callback.answers.get(0).taskToken()).isEqualTo(TOKEN);
        JsonNode answer = new ObjectMapper().readTree(callback.answers.get(0).outputJson());
        assertThat(answer.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(answer.get("approver").asText()).isEqualTo("Ann");
        assertThat(answer.get("comment").asText()).isEqualTo("looks good");
        assertThat(answer.get("decidedAt").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void theAnswerIsValidJsonWhateverTheCommentHolds() throws Exception {
        String comment = "quote \" backslash \\ line\nbreak tab\t </script> \u2028 é 😀";
        desk.decide(id, "DENIED", "O'Brien \"Bob\"", comment);

        JsonNode answer = new ObjectMapper().readTree(callback.answers.get(0).outputJson());
        assertThat(answer.get("comment").asText()).isEqualTo(comment);
        assertThat(answer.get("approver").asText()).isEqualTo("O'Brien \"Bob\"");
        assertThat(answer.get("decision").asText()).isEqualTo("DENIED");
    }

    @Test
    void noCommentIsJsonNull() throws Exception {
        desk.decide(id, "DENIED", "Ann", "");

        assertThat(new ObjectMapper().readTree(callback.answers.get(0).outputJson()).get("comment").isNull()).isTrue();
    }

    @Test
    void aSecondDecisionIsRefusedAndChangesNothing() {
        desk.decide(id, "APPROVED", "Ann", null);
        Approval first = store.find(id).orElseThrow();

        ApprovalOutcome second = desk.decide(id, "DENIED", "Bob", "no");

        assertThat(second).isEqualTo(new ApprovalOutcome.Refused(Refusal.ALREADY_DECIDED, first));
        assertThat(store.find(id)).contains(first);
        assertThat(callback.answers).hasSize(1);
    }

    @Test
    void aDecisionWhoseWriteLandedButWhoseAnswerWasLostIsDeliveredWhenItsApproverSubmitsItAgain() {
        Approver ann = new Approver("ann-0001", "ann@example.com", "https://idp.example.com");
        store.loseNextAnswer();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.decide(id, "APPROVED", ann, "fine", Recorder.NONE))
                .isInstanceOf(AwsTransientException.class);
        Approval recorded = store.find(id).orElseThrow();
        assertThat(recorded.status()).as("the write landed").isEqualTo(ApprovalStatus.APPROVED);
        assertThat(callback.answers).as("but the page never got to deliver it").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        Approver bob = new Approver("bob-0002", "bob@example.com", "https://idp.example.com");
        assertThat(desk.decide(id, "APPROVED", bob, null, Recorder.NONE)).as("someone else")
                .isEqualTo(new ApprovalOutcome.Refused(Refusal.ALREADY_DECIDED, recorded));
        assertThat(desk.decide(id, "DENIED", ann, "changed my mind", Recorder.NONE)).as("another decision of the same person")
                .isEqualTo(new ApprovalOutcome.Refused(Refusal.ALREADY_DECIDED, recorded));
        assertThat(callback.answers).isEmpty();

        List<Approval> kept = new ArrayList<>();
        ApprovalOutcome again = desk.decide(id, "APPROVED", ann, "fine, again", kept::add);

        assertThat(again).isEqualTo(new ApprovalOutcome.Recorded(recorded));
        assertThat(store.find(id)).as("decided once: nothing rewritten").contains(recorded);
        assertThat(kept).containsExactly(recorded);
        assertThat(callback.answers).singleElement().satisfies(a -> assertThat(a.outputJson())
                .contains("\"decision\":\"APPROVED\"", "\"comment\":\"fine\"", "\"decidedAt\":\"" + recorded.decidedAt() + "\""));
        assertThat(desk.decide(id, "APPROVED", ann, null, Recorder.NONE)).as("once more: still the one recorded decision")
                .isEqualTo(new ApprovalOutcome.Recorded(recorded));
        assertThat(store.find(id)).contains(recorded);
    }

    @Test
    void anExpiredApprovalCannotBeDecided() {
        clock.set(Approvals.EXPIRES);

        assertThat(desk.decide(id, "APPROVED", "Ann", null)).isEqualTo(new ApprovalOutcome.Refused(Refusal.EXPIRED, Approvals.pending(id)));
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
    }

    @Test
    void anInvalidFormChangesNothingAndKeepsWhatWasEntered() {
        ApprovalOutcome outcome = desk.decide(id, "APPROVED", "", "my comment");

        assertThat(outcome).isInstanceOf(ApprovalOutcome.Invalid.class);
        ApprovalOutcome.Invalid invalid = (ApprovalOutcome.Invalid) outcome;
        assertThat(invalid.problems()).contains("approver is required");
        assertThat(invalid.comment()).isEqualTo("my comment");
        assertThat(store.decideCalls).isZero();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void whenTheApprovalWaitHadEndedTheDecisionIsRecordedButTooLateSayingHow() {
        callback.failWith(new ApprovalTaskClosedException("TaskTimedOut"));
        callback.delivery = new TaskCallback.Delivery.Ended("the approval wait timed out");

        ApprovalOutcome outcome = desk.decide(id, "APPROVED", "Ann", null);

        assertThat(outcome).isInstanceOfSatisfying(ApprovalOutcome.TooLate.class,
                late -> assertThat(late.how()).isEqualTo("the approval wait timed out"));
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void anAnswerThatArrivedThoughItsResponseWasLostIsRecordedNotReopened() {
        callback.arriveThenFail(new AwsTransientException("Step Functions SendTaskSuccess could not reach AWS", null));

        ApprovalOutcome outcome = desk.decide(id, "APPROVED", "Ann", null);

        assertThat(outcome).isInstanceOf(ApprovalOutcome.Recorded.class);
        assertThat(callback.answers).as("sent once: the history showed it arrived").hasSize(1);
        assertThat(callback.deliveryQuestions).containsExactly(Approvals.pending(id).executionArn());
        assertThat(desk.decide(id, "DENIED", "Bob", null)).as("no second decision").isInstanceOf(ApprovalOutcome.Refused.class);
    }

    @Test
    void aRefusedAnswerOfABuildThatWentOnWithAnEarlierDeliveryIsNeverCalledTimedOut() {
        // The first send arrived but its response was lost; the retry is refused because the task no longer waits.
        callback.arriveThenFail(new AwsTransientException("Step Functions SendTaskSuccess could not reach AWS", null));
        callback.deliveryFailure = new AwsTransientException("Step Functions GetExecutionHistory could not reach AWS", null);
        assertThat(desk.decide(id, "APPROVED", "Ann", null)).isInstanceOf(ApprovalOutcome.Undelivered.class);
        callback.deliveryFailure = null;
        callback.failNext(new ApprovalTaskClosedException("TaskTimedOut"));

        assertThat(desk.redeliver(id)).isInstanceOf(ApprovalOutcome.Recorded.class);
    }

    @Test
    void whenStepFunctionsStaysUnreachableTheDecisionIsKeptAndCanBeDeliveredAgain() {
        AwsTransientException unreachable = new AwsTransientException("Step Functions SendTaskSuccess could not reach AWS", null);
        callback.failNext(unreachable, unreachable);

        ApprovalOutcome first = desk.decide(id, "APPROVED", "Ann", "fine");

        assertThat(first).isInstanceOf(ApprovalOutcome.Undelivered.class);
        assertThat(((ApprovalOutcome.Undelivered) first).approval().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(store.find(id).orElseThrow().status()).as("never reopened").isEqualTo(ApprovalStatus.APPROVED);
        assertThat(desk.decide(id, "DENIED", "Bob", null)).as("nobody decides twice").isInstanceOf(ApprovalOutcome.Refused.class);

        ApprovalOutcome again = desk.redeliver(id);

        assertThat(again).isInstanceOf(ApprovalOutcome.Recorded.class);
        assertThat(callback.answers).singleElement().satisfies(a -> assertThat(a.outputJson())
                .contains("\"decision\":\"APPROVED\"", "\"approver\":\"Ann\"", "\"comment\":\"fine\"",
                        "\"decidedAt\":\"" + clock.instant() + "\""));
    }

    @Test
    void aWaitingTaskGetsTheAnswerOnceMoreBeforeTheDeskGivesUp() {
        callback.failNext(new AwsTransientException("Step Functions SendTaskSuccess could not reach AWS", null));

        assertThat(desk.decide(id, "DENIED", "Bob", null)).isInstanceOf(ApprovalOutcome.Recorded.class);
        assertThat(callback.answers).hasSize(1);
    }

    @Test
    void redeliveringAPendingOrUnknownApprovalOnlyShowsIt() {
        assertThat(desk.redeliver(id)).isInstanceOf(ApprovalOutcome.Open.class);
        assertThat(desk.redeliver(Approvals.newId())).isInstanceOf(ApprovalOutcome.Refused.class);
        assertThat(desk.redeliver("not-an-id")).isInstanceOf(ApprovalOutcome.Refused.class);
        assertThat(callback.answers).isEmpty();
    }

    @Test
    void ofConcurrentDecidersExactlyOneAnswersTheTask() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApprovalOutcome>> deciders = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String who = "approver-" + i;
                deciders.add(() -> desk.decide(id, "APPROVED", who, null));
            }
            List<ApprovalOutcome> outcomes = new ArrayList<>();
            for (Future<ApprovalOutcome> f : pool.invokeAll(deciders)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(o -> o instanceof ApprovalOutcome.Recorded).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ApprovalOutcome.Refused r && r.reason() == Refusal.ALREADY_DECIDED)
                    .hasSize(15);
            assertThat(callback.answers).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
