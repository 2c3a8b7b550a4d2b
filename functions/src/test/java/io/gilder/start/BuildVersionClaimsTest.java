package io.gilder.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.VersionInProgressException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildVersionClaimsTest {

    private static final String VERSION = "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/3";
    private static final String FIRST = "arn:aws:states:us-east-1:111122223333:execution:gilder-build-golden-ami:first";
    private static final String SECOND = "arn:aws:states:us-east-1:111122223333:execution:gilder-build-golden-ami:second";

    /** Claims in memory with the table's conditional semantics; {@link #raceOnce} lets another build slip in before the next write. */
    private final Map<String, String> held = new HashMap<>();
    private final Set<String> runningNow = new HashSet<>();
    private String raceOnce;
    private final VersionClaims claims = new VersionClaims() {
        @Override
        public Optional<String> holder(String version) {
            return Optional.ofNullable(held.get(version));
        }

        @Override
        public boolean claim(String version, String executionArn, String previousHolder) {
            if (raceOnce != null) {
                held.put(version, raceOnce);
                raceOnce = null;
            }
            if (!java.util.Objects.equals(held.get(version), previousHolder)) {
                return false;
            }
            held.put(version, executionArn);
            return true;
        }

        @Override
        public boolean everHeldBy(String version, String executionArn) {
            throw new UnsupportedOperationException("asked by the sweep only");
        }
    };
    private final BuildVersionClaims versions = new BuildVersionClaims(claims, runningNow::contains);

    @Test
    void aRunningHolderKeepsTheVersionAndTheSecondBuildIsRefusedByName() {
        versions.claim(VERSION, FIRST);
        runningNow.add(FIRST);

        assertThatThrownBy(() -> versions.claim(VERSION, SECOND)).isInstanceOf(VersionInProgressException.class)
                .hasMessageContaining(VERSION + " is being built by execution first");
        versions.claim(VERSION, FIRST); // a retried claim of the holder itself
        assertThat(held).containsEntry(VERSION, FIRST);
    }

    @Test
    void aHolderThatEndedHoweverItEndedIsTakenOver() {
        versions.claim(VERSION, FIRST); // then aborted: nothing released it

        versions.claim(VERSION, SECOND);

        assertThat(held).containsEntry(VERSION, SECOND);
    }

    @Test
    void aBuildThatLosesTheRaceBetweenReadAndWriteReadsAgainAndSeesTheWinner() {
        raceOnce = FIRST;
        runningNow.add(FIRST);

        assertThatThrownBy(() -> versions.claim(VERSION, SECOND)).isInstanceOf(VersionInProgressException.class);
        assertThat(held).containsEntry(VERSION, FIRST);
    }
}
