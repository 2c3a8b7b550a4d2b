package io.gilder.build.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.start.VersionClaims;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which endings of which machine get the "Golden AMI Build Failed" event the build machine could not put. */
class UncaughtBuildEndingTest {

    static final String BUILD = "arn:aws:states:us-east-1:111122223333:stateMachine:gilder-build-golden-ami";
    static final String EXECUTION = "arn:aws:states:us-east-1:111122223333:execution:gilder-build-golden-ami:b-1";
    static final String REQUEST = "{\"sourceAmiId\":\"ami-0123456789abcdef0\",\"productName\":\"WebServer-1.0\","
            + "\"productOSAndVersion\":\"AmazonLinux-2023\",\"buildVersion\":\"7\",\"preUpdateScript\":\"echo hi\"}";
    static final String PARAMETER = "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/7";

    /** Claims as DynamoVersionClaims keeps them: the last execution to take each version, and every one that held it. */
    static final class Claims implements VersionClaims {
        final Map<String, String> holders = new HashMap<>();
        final Map<String, java.util.Set<String>> everyHolder = new HashMap<>();

        @Override
        public Optional<String> holder(String version) {
            return Optional.ofNullable(holders.get(version));
        }

        @Override
        public boolean claim(String version, String executionArn, String previousHolder) {
            throw new UnsupportedOperationException("the sweep never claims");
        }

        @Override
        public boolean everHeldBy(String version, String executionArn) {
            return executionArn.equals(holders.get(version)) || everyHolder.getOrDefault(version, java.util.Set.of()).contains(executionArn);
        }
    }

    private final Claims claims = new Claims();
    private final UncaughtBuildEnding endings = new UncaughtBuildEnding(Optional.of(BUILD), claims);

    @Test
    void aStartedBuildAbortedOrTimedOutIsAnnouncedWithStepFunctionsErrorOrElseTheEnding() {
        claims.holders.put(PARAMETER, EXECUTION);

        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", "Operator.Aborted", REQUEST)).contains(new UncaughtBuildEnding.Failure(
                BUILD, EXECUTION, "WebServer-1.0", "AmazonLinux-2023", "7", PARAMETER, "Operator.Aborted", "ABORTED"));
        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, REQUEST).orElseThrow().error()).isEqualTo("ABORTED");
        assertThat(endings.of(EXECUTION, BUILD, "TIMED_OUT", "States.Timeout", REQUEST).orElseThrow().ending()).isEqualTo("TIMED_OUT");
    }

    @Test
    void onlyTheFailuresNoCatchSeesAreAnnounced() {
        claims.holders.put(PARAMETER, EXECUTION);

        assertThat(endings.of(EXECUTION, BUILD, "FAILED", "States.Runtime", REQUEST)).isPresent();
        assertThat(endings.of(EXECUTION, BUILD, "FAILED", "States.DataLimitExceeded", REQUEST)).isPresent();
        assertThat(endings.of(EXECUTION, BUILD, "FAILED", "Gilder.ImageDenied", REQUEST)).as("announced by the build machine").isEmpty();
        assertThat(endings.of(EXECUTION, BUILD, "FAILED", "States.TaskFailed", REQUEST)).as("a caught error, rethrown").isEmpty();
        assertThat(endings.of(EXECUTION, BUILD, "SUCCEEDED", null, REQUEST)).isEmpty();
    }

    @Test
    void aBuildThatNeverStartedOrWhoseVersionAnotherBuildClaimedSinceIsNotAnnounced() {
        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, REQUEST)).as("no claim: stopped before Claim Build Version").isEmpty();

        claims.holders.put(PARAMETER, EXECUTION.replace("b-1", "b-2"));
        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, REQUEST)).as("only b-2 ever held it").isEmpty();

        claims.holders.put(PARAMETER, EXECUTION);
        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, "{\"productName\":\"WebServer-1.0\"}")).as("invalid request").isEmpty();
        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, "not json")).isEmpty();
        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, null)).as("input not carried (over 248 KiB)").isEmpty();
    }

    /** Aborted, then started again with the same version before the second sweep: the new build took the claim over. */
    @Test
    void aBuildWhoseVersionAnotherBuildTookOverSinceIsStillAnnounced() {
        claims.holders.put(PARAMETER, EXECUTION.replace("b-1", "b-2"));
        claims.everyHolder.put(PARAMETER, java.util.Set.of(EXECUTION, EXECUTION.replace("b-1", "b-2")));

        assertThat(endings.of(EXECUTION, BUILD, "ABORTED", null, REQUEST)).isPresent();
    }

    @Test
    void otherMachinesAndAStackWithoutTheBuildMachinesArnAnnounceNothing() {
        claims.holders.put(PARAMETER, EXECUTION);

        assertThat(endings.of(EXECUTION, BUILD.replace("build", "distribute"), "ABORTED", null, REQUEST)).isEmpty();
        assertThat(new UncaughtBuildEnding(Optional.empty(), claims).of(EXECUTION, BUILD, "ABORTED", null, REQUEST)).isEmpty();
    }
}
