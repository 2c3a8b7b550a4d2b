package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.approval.ApprovalDecision;
import io.gilder.approval.ApprovalIds;
import io.gilder.approval.ApprovalStatus;
import io.gilder.approval.ApprovalStore;
import io.gilder.aws.DynamoApprovalStore;
import io.gilder.registry.NamedVersion;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB approval store against the emulator's DynamoDB, through the real SDK. */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoApprovalStoreTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX-secret-task-token";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private LocalStack aws;
    private DynamoDbClient dynamo;
    private String table;
    private DynamoApprovalStore store;
    private final ApprovalIds ids = new ApprovalIds(SecureRandom::new);

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        dynamo = aws.client(DynamoDbClient.builder());
        table = aws.deployment().ref("ApprovalsTable");
        store = new DynamoApprovalStore(dynamo, table, Duration.ofDays(30));
    }

    @AfterAll
    void close() {
        dynamo.close();
    }

    @Test
    void anApprovalReadsBackAsStoredWithoutItsToken() {
        Approval approval = pending(NOW.plus(Duration.ofHours(72)));

        store.create(approval, TOKEN);

        assertThat(store.find(approval.approvalId())).contains(approval);
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(approval))).item();
        assertThat(item.get("taskToken").s()).as("stored for the winner of decide").isEqualTo(TOKEN);
        assertThat(item.get("purgeAt").n()).isEqualTo(Long.toString(approval.expiresAt().plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(store.find(approval.approvalId()).toString()).doesNotContain(TOKEN);
        assertThat(item.toString()).as("the link's id is stored nowhere, only its hash").doesNotContain(approval.approvalId());
    }

    @Test
    void aBuildsEndEndsItsPendingRequestsWithoutTheirTokensAndLeavesDecidedOnesAndOtherBuilds() {
        String execution = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:ended-" + ids.next();
        Approval first = pending(NOW.plus(Duration.ofHours(1)), execution);
        Approval retried = pending(NOW.plus(Duration.ofHours(1)), execution);
        Approval decided = pending(NOW.plus(Duration.ofHours(1)), execution);
        Approval otherBuild = pending(NOW.plus(Duration.ofHours(1)));
        for (Approval a : List.of(first, retried, decided, otherBuild)) {
            store.create(a, TOKEN);
        }
        store.decide(decided.approvalId(), ApprovalDecision.vote("DENIED", "Ann", null), "idp Ann", NOW.plusSeconds(1));

        assertThat(store.endPendingOf(execution)).isEqualTo(2);

        for (Approval a : List.of(first, retried)) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(a)).consistentRead(true)).item();
            assertThat(item.get("status").s()).isEqualTo("ENDED");
            assertThat(item).as("the token goes with the request").doesNotContainKey("taskToken");
            assertThat(store.decide(a.approvalId(), ApprovalDecision.vote("APPROVED", "Bob", null), "idp Bob", NOW.plusSeconds(2)))
                    .isEqualTo(new ApprovalStore.Lost(Refusal.BUILD_ENDED));
            assertThat(store.decidedToken(a.approvalId())).isEmpty();
        }
        assertThat(store.find(decided.approvalId()).orElseThrow().status()).as("a decision stays on record").isEqualTo(ApprovalStatus.DENIED);
        assertThat(store.find(otherBuild.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(store.endPendingOf(execution)).as("again: nothing left to end").isZero();
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertThat(store.find(ids.next())).isEmpty();
    }

    @Test
    void anIdIsNeverStoredTwice() {
        Approval approval = pending(NOW.plus(Duration.ofHours(1)));
        store.create(approval, TOKEN);

        assertThatThrownBy(() -> store.create(approval, "another-token")).isInstanceOf(IllegalStateException.class);
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key(approval))).item().get("taskToken").s()).isEqualTo(TOKEN);
    }

    @Test
    void theFirstDecisionWinsTheTokenAndIsRecorded() {
        Approval approval = pending(NOW.plus(Duration.ofHours(1)));
        store.create(approval, TOKEN);
        Instant at = NOW.plusSeconds(5);

        ApprovalStore.Decided first = store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "Ann", "fine"), "idp Ann", at);
        ApprovalStore.Decided second = store.decide(approval.approvalId(), ApprovalDecision.vote("DENIED", "Bob", null), "idp Bob", at.plusSeconds(1));

        assertThat(first).isInstanceOfSatisfying(ApprovalStore.Won.class, won -> assertThat(won.taskToken()).isEqualTo(TOKEN));
        assertThat(first.toString()).doesNotContain(TOKEN);
        assertThat(second).isEqualTo(new ApprovalStore.Lost(Refusal.ALREADY_DECIDED));
        Approval stored = store.find(approval.approvalId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(stored.decidedBy()).isEqualTo("Ann");
        assertThat(stored.comment()).isEqualTo("fine");
        assertThat(stored.decidedAt()).isEqualTo(at);
    }

    /**
     * The deciding write lands but its answer is lost (the gateway answers 500 after DynamoDB applied it): the SDK's retry
     * finds the approval decided, by this voter with this decision, and wins the token all the same instead of reporting
     * "already decided" while the build waits for an answer nobody will send. Anyone else still loses.
     */
    @Test
    void aDecisionWhoseAnswerWasLostAfterItLandedStillWinsTheToken() {
        Approval approval = pending(NOW.plus(Duration.ofHours(1)));
        store.create(approval, TOKEN);
        Instant at = NOW.plusSeconds(5);

        ApprovalStore.Decided decided;
        List<io.gilder.local.emulator.Faults.Rule> fired;
        aws.faults().reset();
        aws.faults().add(io.gilder.local.emulator.Faults.appliedThenLost("dynamodb:UpdateItem", 1));
        try {
            decided = store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "Ann", "fine"), "idp Ann", at);
            fired = aws.faults().fired();
        } finally {
            aws.faults().reset();
        }

        assertThat(fired).as("the write's answer was lost").hasSize(1);
        assertThat(decided).isInstanceOfSatisfying(ApprovalStore.Won.class, won -> {
            assertThat(won.taskToken()).isEqualTo(TOKEN);
            assertThat(won.decided().decidedAt()).isEqualTo(at);
            assertThat(won.decided().status()).isEqualTo(ApprovalStatus.APPROVED);
        });
        Approval stored = store.find(approval.approvalId()).orElseThrow();
        assertThat(stored.decidedAt()).as("decided once").isEqualTo(at);
        assertThat(store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "Bob", null), "idp Bob", at.plusSeconds(1)))
                .as("someone else").isEqualTo(new ApprovalStore.Lost(Refusal.ALREADY_DECIDED));
        assertThat(store.decide(approval.approvalId(), ApprovalDecision.vote("DENIED", "Ann", null), "idp Ann", at.plusSeconds(2)))
                .as("the same person deciding otherwise").isEqualTo(new ApprovalStore.Lost(Refusal.ALREADY_DECIDED));
        assertThat(store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "Ann", "again"), "idp Ann", at.plusSeconds(3)))
                .as("the same decision sent again: the recorded one, to deliver again").isEqualTo(new ApprovalStore.Won(TOKEN, stored));
        assertThat(store.find(approval.approvalId())).contains(stored);
    }

    @Test
    void onceDecidedEveryLaterDeciderLosesWithoutChangingTheDecision() {
        // DynamoDB evaluates a condition expression atomically with the write; moto does not (two
        // threads racing through moto can both pass the check), so the race itself is DynamoDB's
        // guarantee and not asserted here. What is asserted is that the condition is the right one.
        Approval approval = pending(NOW.plus(Duration.ofHours(1)));
        store.create(approval, TOKEN);

        ApprovalStore.Decided first = store.decide(approval.approvalId(), ApprovalDecision.vote("DENIED", "approver-0", null), "idp approver-0",
                NOW.plusSeconds(1));
        List<ApprovalStore.Decided> later = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            later.add(store.decide(approval.approvalId(), ApprovalDecision.vote(i % 2 == 0 ? "DENIED" : "APPROVED", "approver-" + i, null), "idp approver-" + i, NOW.plusSeconds(1 + i)));
        }

        assertThat(first).isInstanceOfSatisfying(ApprovalStore.Won.class, won -> assertThat(won.taskToken()).isEqualTo(TOKEN));
        assertThat(later).allMatch(r -> r instanceof ApprovalStore.Lost lost && lost.reason() == Refusal.ALREADY_DECIDED);
        Approval decided = store.find(approval.approvalId()).orElseThrow();
        assertThat(decided.status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(decided.decidedBy()).isEqualTo("approver-0");
    }

    @Test
    void aQuorumCountsDistinctApproversAndTheLastOneDecides() {
        Approval approval = pending(NOW.plus(Duration.ofHours(1))).requiring(2);
        store.create(approval, TOKEN);

        ApprovalStore.Decided ann = store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "ann@example.com", null),
                "idp ann", NOW.plusSeconds(1));
        ApprovalStore.Decided annAgain = store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "Ann again", null),
                "idp ann", NOW.plusSeconds(2));

        assertThat(ann).isInstanceOfSatisfying(ApprovalStore.Counted.class,
                counted -> assertThat(counted.approval().approvedBy()).containsExactly("ann@example.com"));
        assertThat(annAgain).isEqualTo(new ApprovalStore.Lost(Refusal.ALREADY_VOTED));
        Approval halfway = store.find(approval.approvalId()).orElseThrow();
        assertThat(halfway.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(halfway.requiredApprovals()).isEqualTo(2);
        assertThat(halfway.approvedBy()).containsExactly("ann@example.com");
        assertThat(store.decidedToken(approval.approvalId())).as("no token before the quorum").isEmpty();

        ApprovalStore.Decided bob = store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "bob@example.com", "ok"),
                "idp bob", NOW.plusSeconds(3));

        assertThat(bob).isInstanceOfSatisfying(ApprovalStore.Won.class, won -> assertThat(won.taskToken()).isEqualTo(TOKEN));
        Approval decided = store.find(approval.approvalId()).orElseThrow();
        assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(decided.decidedBy()).isEqualTo("ann@example.com, bob@example.com");
        assertThat(decided.approvedBy()).containsExactly("ann@example.com", "bob@example.com");
        assertThat(store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "carol@example.com", null), "idp carol",
                NOW.plusSeconds(4))).isEqualTo(new ApprovalStore.Lost(Refusal.ALREADY_DECIDED));
    }

    @Test
    void decidingAnUnknownIdLosesAndCreatesNothing() {
        String id = ids.next();

        assertThat(store.decide(id, ApprovalDecision.vote("APPROVED", "Ann", null), "idp Ann", NOW)).isEqualTo(new ApprovalStore.Lost(Refusal.UNKNOWN));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(Map.of("approvalKey", AttributeValue.fromS(io.gilder.approval.ApprovalIds.key(id))))).hasItem()).isFalse();
    }

    @Test
    void theTokenGoesOutAgainOnlyForADecidedApproval() {
        Approval approval = pending(NOW.plus(Duration.ofHours(1)));
        store.create(approval, TOKEN);

        assertThat(store.decidedToken(approval.approvalId())).as("pending: only the winner of decide gets it").isEmpty();
        store.decide(approval.approvalId(), ApprovalDecision.vote("APPROVED", "Ann", "fine"), "idp Ann", NOW.plusSeconds(3));
        assertThat(store.decidedToken(approval.approvalId())).contains(TOKEN);
        assertThat(store.decidedToken(ids.next())).isEmpty();
        assertThat(store.find(approval.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aMissingTableNamesTheSetting() {
        DynamoApprovalStore unconfigured = new DynamoApprovalStore(dynamo, null, Duration.ofDays(30));

        assertThatThrownBy(() -> unconfigured.find(ids.next())).hasMessageContaining("GILDER_APPROVALS_TABLE");
    }

    private Approval pending(Instant expiresAt) {
        return pending(expiresAt, "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1");
    }

    private Approval pending(Instant expiresAt, String executionArn) {
        return Approval.pending(ids.next(), executionArn,
                "ami-0123456789abcdef0", new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"), "7",
                "ami-0fedcba9876543210", new Approval.Findings(Map.of(1, 6, 3, 2, 5, 1), 5, 9), "s3://evidence/findings.json",
                new Approval.Policy(false, "1 finding above severity 3"), NOW, expiresAt);
    }

    private static Map<String, AttributeValue> key(Approval approval) {
        return Map.of("approvalKey", AttributeValue.fromS(io.gilder.approval.ApprovalIds.key(approval.approvalId())));
    }

    /** A create the SDK retried after its answer was lost finds its own item and succeeds; another request with the id fails. */
    @Test
    void aRetriedCreateOfTheSameRequestSucceedsAndAnotherWithTheSameIdIsRefused() {
        Approval approval = pending(NOW.plus(Duration.ofHours(72)));
        store.create(approval, TOKEN);

        store.create(approval, TOKEN);

        assertThat(store.find(approval.approvalId())).contains(approval);
        assertThatThrownBy(() -> store.create(approval, TOKEN + "-another")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists");
    }

    /**
     * Version claims share the table: the holder, and every execution that held the claim, so that a build stopped and
     * then taken over by a new build of the same version is still known to have started (its "Build Failed" is due).
     */
    @Test
    void aVersionClaimRemembersEveryHolderAndATakeoverNeedsThePreviousOne() {
        var claims = new io.gilder.aws.DynamoVersionClaims(dynamo, table);
        String version = "/GoldenAMI/AmazonLinux-2023/Claims" + System.nanoTime() + "-1.0/1";
        String first = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:first";
        String second = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:second";

        assertThat(claims.claim(version, first, null)).isTrue();
        assertThat(claims.claim(version, second, null)).as("taken: only a takeover naming the holder").isFalse();
        assertThat(claims.claim(version, second, "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:other")).isFalse();
        assertThat(claims.claim(version, second, first)).isTrue();

        assertThat(claims.holder(version)).contains(second);
        assertThat(claims.everHeldBy(version, first)).as("taken over, but it held it").isTrue();
        assertThat(claims.everHeldBy(version, second)).isTrue();
        assertThat(claims.everHeldBy(version, "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:never")).isFalse();
        assertThat(claims.everHeldBy(version + "0", first)).as("no claim at all").isFalse();
        // A claim written before holders were kept: its holder still counts.
        String old = version + "/old";
        dynamo.putItem(r -> r.tableName(table).item(Map.of("approvalKey", AttributeValue.fromS("claim#" + old),
                "executionArn", AttributeValue.fromS(first))));
        assertThat(claims.everHeldBy(old, first)).isTrue();
        assertThat(claims.claim(old, second, first)).isTrue();
        assertThat(claims.everHeldBy(old, first)).as("a takeover keeps the holder it replaced").isTrue();
        assertThat(claims.holder(old)).contains(second);
    }
}
