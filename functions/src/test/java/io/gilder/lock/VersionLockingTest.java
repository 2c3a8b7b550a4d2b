package io.gilder.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.AwsTransientException;
import io.gilder.error.VersionLockedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionLockingTest {

    private static final String VERSION = "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/7";
    private static final String DISTRIBUTION = "arn:aws:states:us-east-1:111122223333:execution:gilder-distribute-golden-ami:d1";
    private static final String REVOCATION = "arn:aws:states:us-east-1:111122223333:execution:gilder-revoke-golden-ami:r1";
    private static final String DECOMMISSION = "arn:aws:states:us-east-1:111122223333:execution:gilder-decommission-golden-ami:x1";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    /** Locks with DynamoDB's conditional semantics; {@link #racer} runs once between a read and the next take. */
    private final Map<String, VersionLock> stored = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    private final List<String> runningAsked = new ArrayList<>();
    private Runnable racer;

    private final VersionLocks locks = new VersionLocks() {
        @Override
        public Optional<VersionLock> read(String version) {
            return Optional.ofNullable(stored.get(version));
        }

        @Override
        public boolean take(VersionLock lock, VersionLock previous) {
            if (racer != null) {
                Runnable r = racer;
                racer = null;
                r.run();
            }
            VersionLock current = stored.get(lock.version());
            if (previous == null ? current != null : !previous.equals(current)) {
                return false;
            }
            stored.put(lock.version(), lock);
            return true;
        }

        @Override
        public boolean release(String version, String owner) {
            VersionLock current = stored.get(version);
            if (current == null || !current.owner().equals(owner)) {
                return false;
            }
            stored.remove(version);
            return true;
        }
    };

    private final VersionLocking locking = new VersionLocking(locks, arn -> {
        runningAsked.add(arn);
        return running.contains(arn);
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aFreeVersionIsLockedForTheLeaseAndARetryByTheHolderSucceedsAgain() {
        VersionLocking.Locked locked = locking.lock(VERSION, DISTRIBUTION, DAY);

        assertThat(locked.lock()).isEqualTo(new VersionLock(VERSION, DISTRIBUTION, NOW.plus(DAY)));
        assertThat(locked.takenOverFrom()).isNull();
        assertThat(locking.lock(VERSION, DISTRIBUTION, DAY).lock()).isEqualTo(locked.lock());
        assertThat(runningAsked).isEmpty();
    }

    @Test
    void aRunningHolderKeepsEveryOtherWorkflowOutNamingItselfAndNothingIsWritten() {
        locking.lock(VERSION, DISTRIBUTION, DAY);
        running.add(DISTRIBUTION);

        for (String other : List.of(REVOCATION, DECOMMISSION)) {
            assertThatThrownBy(() -> locking.lock(VERSION, other, DAY)).isInstanceOf(VersionLockedException.class)
                    .hasMessageContaining(DISTRIBUTION).hasMessageContaining("d1").hasMessageContaining(VERSION)
                    .hasMessageContaining(NOW.plus(DAY).toString());
        }
        assertThat(stored.get(VERSION).owner()).isEqualTo(DISTRIBUTION);
    }

    @Test
    void aHolderThatEndedWithoutReleasingIsTakenOver() {
        locking.lock(VERSION, DISTRIBUTION, DAY); // e.g. aborted: no Catch saw its end

        VersionLocking.Locked locked = locking.lock(VERSION, REVOCATION, DAY);

        assertThat(locked.lock().owner()).isEqualTo(REVOCATION);
        assertThat(locked.takenOverFrom()).isEqualTo(DISTRIBUTION);
        assertThat(runningAsked).containsExactly(DISTRIBUTION);
    }

    @Test
    void aLapsedLockIsTakenOverWithoutAskingWhetherItsHolderRuns() {
        stored.put(VERSION, new VersionLock(VERSION, DISTRIBUTION, NOW));
        running.add(DISTRIBUTION);

        assertThat(locking.lock(VERSION, REVOCATION, DAY).takenOverFrom()).isEqualTo(DISTRIBUTION);
        assertThat(runningAsked).isEmpty();
    }

    @Test
    void aLockTakenByAnotherBetweenTheReadAndTheWriteWins() {
        racer = () -> {
            stored.put(VERSION, new VersionLock(VERSION, DECOMMISSION, NOW.plus(DAY)));
            running.add(DECOMMISSION);
        };

        assertThatThrownBy(() -> locking.lock(VERSION, REVOCATION, DAY)).isInstanceOf(VersionLockedException.class)
                .hasMessageContaining(DECOMMISSION);
        assertThat(stored.get(VERSION).owner()).isEqualTo(DECOMMISSION);
    }

    @Test
    void twoContendersTakingOverOneStaleLockCannotBothWin() {
        stored.put(VERSION, new VersionLock(VERSION, DISTRIBUTION, NOW.minusSeconds(1)));
        racer = () -> stored.put(VERSION, new VersionLock(VERSION, DECOMMISSION, NOW.plus(DAY)));
        running.add(DECOMMISSION);

        assertThatThrownBy(() -> locking.lock(VERSION, REVOCATION, DAY)).isInstanceOf(VersionLockedException.class);
        assertThat(stored.get(VERSION).owner()).isEqualTo(DECOMMISSION);
    }

    @Test
    void endlessRacesEndInARetryableError() {
        VersionLocks alwaysRaced = new VersionLocks() {
            @Override
            public Optional<VersionLock> read(String version) {
                return Optional.empty();
            }

            @Override
            public boolean take(VersionLock lock, VersionLock previous) {
                return false;
            }

            @Override
            public boolean release(String version, String owner) {
                return false;
            }
        };

        assertThatThrownBy(() -> new VersionLocking(alwaysRaced, arn -> true, Clock.systemUTC()).lock(VERSION, REVOCATION, DAY))
                .isInstanceOf(AwsTransientException.class);
    }

    @Test
    void onlyTheHolderReleasesAndAReleaseAfterATakeoverChangesNothing() {
        locking.lock(VERSION, DISTRIBUTION, DAY);

        assertThat(locking.unlock(VERSION, REVOCATION)).isFalse();
        assertThat(stored).containsKey(VERSION);
        assertThat(locking.unlock(VERSION, DISTRIBUTION)).isTrue();
        assertThat(stored).isEmpty();
        assertThat(locking.unlock(VERSION, DISTRIBUTION)).as("released twice").isFalse();

        locking.lock(VERSION, DISTRIBUTION, DAY);
        locking.lock(VERSION, REVOCATION, DAY); // the distribution ended without releasing; taken over
        assertThat(locking.unlock(VERSION, DISTRIBUTION)).as("a late release of the old holder").isFalse();
        assertThat(stored.get(VERSION).owner()).isEqualTo(REVOCATION);
    }

    @Test
    void aLockBlocksOnlyOthersBeforeItsExpiryWhileItsHolderRuns() {
        VersionLock lock = new VersionLock(VERSION, DISTRIBUTION, NOW.plusSeconds(10));

        assertThat(lock.blocks(REVOCATION, NOW, arn -> true)).isTrue();
        assertThat(lock.blocks(REVOCATION, NOW, arn -> false)).isFalse();
        assertThat(lock.blocks(REVOCATION, NOW.plusSeconds(10), arn -> true)).isFalse();
        assertThat(lock.blocks(DISTRIBUTION, NOW, arn -> true)).isFalse();
        assertThat(lock.ownerName()).isEqualTo("d1");
    }
}
