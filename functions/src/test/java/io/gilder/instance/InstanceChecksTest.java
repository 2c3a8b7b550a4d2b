package io.gilder.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.InstanceLostException;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.WaitTimedOutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstanceChecksTest {

    private final FakeInstanceFleet aws = new FakeInstanceFleet();
    private final InstanceChecks checks = new InstanceChecks(aws, aws, 5, 3);

    @Test
    void managedMeansRunningWithTheAgentOnline() {
        aws.with("i-1", "pending");
        assertThat(checks.check("i-1", InstanceCondition.MANAGED, 0))
                .isEqualTo(new InstanceCheck(false, 1, "pending", "10.0.0.9"));
        assertThat(aws.calls).as("no SSM call before it runs").containsExactly("describe i-1");

        aws.with("i-1", "running");
        assertThat(checks.check("i-1", InstanceCondition.MANAGED, 1).done()).isFalse();
        aws.managed.add("i-1");
        assertThat(checks.check("i-1", InstanceCondition.MANAGED, 2)).isEqualTo(new InstanceCheck(true, 3, "running", "10.0.0.9"));
    }

    @Test
    void readyMeansRunningWithBothStatusChecksOk() {
        aws.with("i-1", "running");
        assertThat(checks.check("i-1", InstanceCondition.READY, 0).done()).isFalse();
        aws.statusOk.add("i-1");
        assertThat(checks.check("i-1", InstanceCondition.READY, 1).done()).isTrue();
    }

    @Test
    void stoppedWaitsThroughStopping() {
        aws.with("i-1", "stopping");
        assertThat(checks.check("i-1", InstanceCondition.STOPPED, 0).done()).isFalse();
        aws.with("i-1", "stopped");
        assertThat(checks.check("i-1", InstanceCondition.STOPPED, 1)).isEqualTo(new InstanceCheck(true, 2, "stopped", "10.0.0.9"));
    }

    @Test
    void terminatedIncludesAnInstanceEc2NoLongerKnows() {
        aws.with("i-1", "shutting-down");
        assertThat(checks.check("i-1", InstanceCondition.TERMINATED, 0).done()).isFalse();
        aws.with("i-1", "terminated");
        assertThat(checks.check("i-1", InstanceCondition.TERMINATED, 1).done()).isTrue();
        assertThat(checks.check("i-gone", InstanceCondition.TERMINATED, 0)).isEqualTo(new InstanceCheck(true, 1, "not-found", null));
    }

    @ParameterizedTest
    @CsvSource({"managed,terminated", "ready,shutting-down", "stopped,terminated", "managed,"})
    void anInstanceLostWhileWaitingForAnythingElseEndsTheLoop(String until, String state) {
        if (state != null) {
            aws.with("i-1", state);
        }
        assertThatThrownBy(() -> checks.check("i-1", InstanceCondition.of(until), 0))
                .isInstanceOf(InstanceLostException.class)
                .hasMessage("Instance i-1 is " + (state == null ? "not-found" : state) + " while waiting for it to be " + until);
    }

    @Test
    void eachConditionHasItsOwnBound() {
        aws.with("i-1", "running");
        assertThat(checks.check("i-1", InstanceCondition.MANAGED, 3).attempt()).as("managed bound is 5").isEqualTo(4);
        assertThatThrownBy(() -> checks.check("i-1", InstanceCondition.MANAGED, 4)).isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("instance i-1 to be managed (last state: running)");
        assertThatThrownBy(() -> checks.check("i-1", InstanceCondition.STOPPED, 2)).isInstanceOf(WaitTimedOutException.class)
                .hasMessageContaining("after 3 checks");
    }

    @Test
    void anUnknownConditionIsAnInvalidRequest() {
        assertThatThrownBy(() -> InstanceCondition.of("running")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("until must be managed, ready, stopped or terminated, not running");
    }
}
