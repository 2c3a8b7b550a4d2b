package io.gilder.build.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.build.CandidateImageNameTest;
import io.gilder.build.FakeImageFactory;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.ActiveImageList;
import io.gilder.registry.FakeGoldenRegistry;
import io.gilder.registry.FakeNotifier;
import io.gilder.registry.GilderTags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndedExecutionSweepTest {

    private static final String EXECUTION = CandidateImageNameTest.EXECUTION;

    private final FakeImageFactory images = new FakeImageFactory();
    private final FakeGoldenRegistry registry = new FakeGoldenRegistry();
    private final FakeNotifier notifier = new FakeNotifier();

    private final FakePendingApprovals approvals = new FakePendingApprovals();
    private final FakeExecutionResources resources = new FakeExecutionResources(images);
    private final List<String> instances = resources.instances;

    private final EndedExecutionSweep sweep = new EndedExecutionSweep(resources, registry,
            new CandidateDiscard(resources, images, registry, notifier, approvals), approvals);

    @Test
    void aBuildAbortedBeforeItsCandidateExistedStillEndsItsPendingApprovalRequest() {
        approvals.pending.put(EXECUTION, 1);

        SweepReport report = sweep.sweep(EXECUTION, "ABORTED", null);

        assertThat(report.removed()).isEqualTo(new DiscardReport(List.of(), List.of(), List.of(), 1));
        assertThat(approvals.pending).isEmpty();
        assertThat(approvals.calls).containsExactly(EXECUTION);
    }

    @Test
    void aFailedExecutionWhoseOwnCleanUpRanFindsNothingAndSaysNothing() {
        SweepReport report = sweep.sweep(EXECUTION, "FAILED", "io.gilder.error.ScanFailedException");

        assertThat(report.removed()).isEqualTo(new DiscardReport(List.of(), List.of(), List.of(), 0));
        assertThat(report.lockReleased()).isFalse();
        assertThat(notifier.notices).isEmpty();
        assertThat(registry.claims).isZero();
    }

    @Test
    void aBuildAbortedWhileWaitingForApprovalLosesItsCandidateItsSnapshotsAndItsInstances() {
        String candidate = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-c").imageId();
        instances.add("i-test");
        registry.latest = new ActiveImageList(List.of("ami-of-another-build"));

        approvals.pending.put(EXECUTION, 1);

        SweepReport report = sweep.sweep(EXECUTION, "ABORTED", null);

        assertThat(report.removed()).isEqualTo(new DiscardReport(List.of("i-test"), List.of(candidate), List.of("snap-c"), 1));
        assertThat(approvals.calls).as("asked once, by the discard").containsExactly(EXECUTION);
        assertThat(report.keptImages()).isEmpty();
        assertThat(images.images).isEmpty();
        assertThat(instances).isEmpty();
        assertThat(registry.latest.ids()).containsExactly("ami-of-another-build");
        assertThat(notifier.notices).singleElement().asString().contains("ended ABORTED", "no Catch", candidate, "snap-c");
    }

    @Test
    void aBuildThatRegisteredItsGoldenImageBeforeItTimedOutKeepsIt() {
        String golden = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN), "snap-g").imageId();
        registry.parameters.put("/GoldenAMI/AmazonLinux-2023/WebServer-1.0/1", golden);
        registry.latest = new ActiveImageList(List.of(golden));
        instances.add("i-left");

        SweepReport report = sweep.sweep(EXECUTION, "TIMED_OUT", "States.Timeout");

        assertThat(report.keptImages()).containsExactly(golden);
        assertThat(report.removed()).isEqualTo(new DiscardReport(List.of("i-left"), List.of(), List.of(), 0));
        assertThat(images.images).containsKey(golden);
        assertThat(images.deletedSnapshots).isEmpty();
        assertThat(registry.parameters).containsValue(golden);
        assertThat(registry.latest.ids()).containsExactly(golden);
    }

    @Test
    void aLockTheExecutionDiedHoldingIsReleasedEvenWhenNothingElseIsLeft() {
        registry.lockHolder = EXECUTION;

        SweepReport report = sweep.sweep(EXECUTION, "ABORTED", null);

        assertThat(report.lockReleased()).isTrue();
        assertThat(registry.lockHolder).isNull();
        assertThat(notifier.notices).isEmpty();
    }

    @Test
    void anEventWithoutAnExecutionIsRefusedByField() {
        SweepEndedExecutionHandler handler = handler();

        assertThatThrownBy(() -> handler.handleRequest(new SweepEndedExecutionHandler.Event(
                new SweepEndedExecutionHandler.Detail(null, "arn:aws:states:us-east-1:1:stateMachine:x", "ABORTED", null)), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("detail.executionArn");
        assertThat(handler.handleRequest(new SweepEndedExecutionHandler.Event(
                new SweepEndedExecutionHandler.Detail(EXECUTION, null, "ABORTED", null)), null).ending()).isEqualTo("ABORTED");
    }

    @Test
    void theSameEndingFromTheSweepAgainQueueIsSweptLikeTheEventAndABadMessageIsRefusedByField() {
        SweepEndedExecutionHandler handler = handler();
        String event = "{\"version\":\"0\",\"source\":\"aws.states\",\"detail-type\":\"Step Functions Execution Status Change\","
                + "\"detail\":{\"executionArn\":\"" + EXECUTION + "\",\"status\":\"TIMED_OUT\",\"name\":\"x\"}}";

        SweepReport again = handler.handleRequest(new SweepEndedExecutionHandler.Event(null,
                List.of(new io.gilder.flow.QueuedEvent.Message(event))), null);

        assertThat(again.ending()).isEqualTo("TIMED_OUT");
        assertThatThrownBy(() -> handler.handleRequest(new SweepEndedExecutionHandler.Event(null, List.of()), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Records");
        assertThatThrownBy(() -> handler.handleRequest(new SweepEndedExecutionHandler.Event(null,
                List.of(new io.gilder.flow.QueuedEvent.Message("not json"))), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Records[0].body");
    }

    private final UncaughtBuildEndingTest.Claims claims = new UncaughtBuildEndingTest.Claims();
    private final java.util.List<UncaughtBuildEnding.Failure> announced = new java.util.ArrayList<>();

    private SweepEndedExecutionHandler handler() {
        return new SweepEndedExecutionHandler(sweep, new UncaughtBuildEnding(java.util.Optional.of(UncaughtBuildEndingTest.BUILD), claims),
                failure -> announced.add(failure));
    }

    /** The event Step Functions puts for a build stopped after it claimed its version, as the rule hands it over. */
    private static String abortedBuildEvent() {
        return "{\"version\":\"0\",\"source\":\"aws.states\",\"detail-type\":\"Step Functions Execution Status Change\","
                + "\"detail\":{\"executionArn\":\"" + UncaughtBuildEndingTest.EXECUTION + "\",\"stateMachineArn\":\""
                + UncaughtBuildEndingTest.BUILD + "\",\"status\":\"ABORTED\",\"error\":\"Operator.Aborted\",\"input\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(UncaughtBuildEndingTest.REQUEST) + ",\"inputDetails\":{\"included\":true}}}";
    }

    private static SweepEndedExecutionHandler.Event queued(String event) {
        return new SweepEndedExecutionHandler.Event(null, List.of(new io.gilder.flow.QueuedEvent.Message(event)));
    }

    @Test
    void aStartedBuildAbortedIsAnnouncedByTheSecondSweepOnceBothRemovedWhatItMade() throws Exception {
        claims.holders.put(UncaughtBuildEndingTest.PARAMETER, UncaughtBuildEndingTest.EXECUTION);
        var event = new com.fasterxml.jackson.databind.ObjectMapper().readValue(abortedBuildEvent(), SweepEndedExecutionHandler.Event.class);

        assertThat(handler().handleRequest(event, null).announced()).as("the first sweep").isNull();
        assertThat(announced).isEmpty();

        SweepReport again = handler().handleRequest(queued(abortedBuildEvent()), null);

        assertThat(again.announced()).isEqualTo("Golden AMI Build Failed");
        assertThat(announced).extracting(UncaughtBuildEnding.Failure::parameterName, UncaughtBuildEnding.Failure::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UncaughtBuildEndingTest.PARAMETER, "Operator.Aborted"));
    }

    /** Aborted after "Register Golden Image": its image stays golden, and no "Build Failed" follows its "Registered". */
    @Test
    void aBuildThatRegisteredItsImageBeforeItWasAbortedIsNotAnnouncedAsFailed() {
        claims.holders.put(UncaughtBuildEndingTest.PARAMETER, UncaughtBuildEndingTest.EXECUTION);
        String golden = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN), "snap-g").imageId();
        registry.latest = new ActiveImageList(List.of(golden));

        SweepReport again = handler().handleRequest(queued(abortedBuildEvent()), null);

        assertThat(again.keptImages()).containsExactly(golden);
        assertThat(again.announced()).isNull();
        assertThat(announced).isEmpty();
    }

    @Test
    void anAnnouncementEventBridgeRefusedFailsTheMessageSoThatItIsReceivedAgain() {
        claims.holders.put(UncaughtBuildEndingTest.PARAMETER, UncaughtBuildEndingTest.EXECUTION);
        SweepEndedExecutionHandler refused = new SweepEndedExecutionHandler(sweep,
                new UncaughtBuildEnding(java.util.Optional.of(UncaughtBuildEndingTest.BUILD), claims), failure -> false);

        assertThatThrownBy(() -> refused.handleRequest(queued(abortedBuildEvent()), null))
                .isInstanceOf(io.gilder.error.AwsTransientException.class).hasMessageContaining("Golden AMI Build Failed");
    }
}
