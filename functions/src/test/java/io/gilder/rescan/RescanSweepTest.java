package io.gilder.rescan;

import io.gilder.instance.FakeInstanceFleet;
import io.gilder.instance.TaggedInstance;
import io.gilder.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** sweep-rescan-instances' service with in-memory instances (two pages) and execution statuses. */
class RescanSweepTest {

    static final String RUN_A = "arn:aws:states:us-east-1:111122223333:execution:stack-rescan-golden-amis:a";
    static final String RUN_B = "arn:aws:states:us-east-1:111122223333:execution:stack-rescan-golden-amis:b";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    final FakeInstanceFleet fleet = new FakeInstanceFleet();
    final Map<String, String> statuses = new HashMap<>();
    final List<String> lookedUp = new ArrayList<>();
    final RescanSweep sweep = new RescanSweep(fleet, arn -> {
        lookedUp.add(arn);
        return Optional.ofNullable(statuses.get(arn));
    }, new MutableClock(NOW));

    void rescan(String id, String run, Duration age) {
        Map<String, String> tags = new HashMap<>(Map.of("continuous-assessment-instance", "true", "gilder:role", "rescan"));
        if (run != null) {
            tags.put("gilder:rescan-run", run);
        }
        fleet.live.add(new TaggedInstance(id, "running", NOW.minus(age), tags));
    }

    @Test
    void theStaleSweepLeavesRunsOfAnotherStacksStateMachineAlone() {
        String otherStack = "arn:aws:states:us-east-1:111122223333:execution:prod-rescan-golden-amis:run-9";
        rescan("i-b1", RUN_B, Duration.ofHours(3));
        rescan("i-prod", otherStack, Duration.ofHours(3));

        List<String> out = sweep.sweepStale(Duration.ofMinutes(60), RUN_A);

        assertThat(out).containsExactly("i-b1");
        assertThat(lookedUp).as("another stack's run is not looked up (its role may not)").containsExactly(RUN_B);
        assertThat(RescanSweep.stateMachineOf(otherStack)).isEqualTo("prod-rescan-golden-amis");
        assertThat(RescanSweep.stateMachineOf("not an arn")).isNull();
    }

    @Test
    void theStaleSweepTerminatesOldInstancesOfRunsThatAreOverOrUnknownLookingEachRunUpOnce() {
        statuses.put(RUN_A, "RUNNING");
        statuses.put(RUN_B, "ABORTED");
        rescan("i-a1", RUN_A, Duration.ofHours(3));
        rescan("i-b1", RUN_B, Duration.ofHours(3));
        rescan("i-b2", RUN_B, Duration.ofHours(2));
        rescan("i-gone", "arn:aws:states:us-east-1:111122223333:execution:stack-rescan-golden-amis:expired", Duration.ofHours(2));
        rescan("i-norun", null, Duration.ofHours(2));
        rescan("i-young", RUN_B, Duration.ofMinutes(10));
        fleet.live.add(new TaggedInstance("i-other", "running", NOW.minus(Duration.ofDays(2)),
                Map.of("continuous-assessment-instance", "true")));

        List<String> out = sweep.sweepStale(Duration.ofMinutes(60), null);

        assertThat(out).containsExactly("i-b1", "i-b2", "i-gone", "i-norun");
        assertThat(fleet.terminateBatches).containsExactly(List.of("i-b1", "i-b2", "i-gone", "i-norun"));
        assertThat(fleet.filters).containsExactly(Map.of("continuous-assessment-instance", "true", "gilder:role", "rescan"));
        assertThat(lookedUp).containsExactly(RUN_A, RUN_B,
                "arn:aws:states:us-east-1:111122223333:execution:stack-rescan-golden-amis:expired");
    }

    @Test
    void theRunSweepTerminatesEveryInstanceOfThatRunWhateverItsAgeAndAsksNoStatus() {
        rescan("i-a1", RUN_A, Duration.ofMinutes(1));
        rescan("i-a2", RUN_A, Duration.ofHours(5));
        rescan("i-b1", RUN_B, Duration.ofHours(5));

        assertThat(sweep.sweepRun(RUN_A)).containsExactly("i-a1", "i-a2");
        assertThat(lookedUp).isEmpty();
        assertThat(fleet.filters.get(0)).containsEntry("gilder:rescan-run", RUN_A).containsEntry("gilder:role", "rescan");
    }

    @Test
    void nothingToSweepCallsNoTerminate() {
        rescan("i-a1", RUN_A, Duration.ofMinutes(1));

        assertThat(sweep.sweepStale(Duration.ofMinutes(60), null)).isEmpty();
        assertThat(sweep.sweepRun(RUN_B)).isEmpty();
        assertThat(fleet.terminateBatches).isEmpty();
    }
}
