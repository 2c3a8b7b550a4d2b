package io.gilder.build.cleanup;

import io.gilder.build.BuildRequest;
import io.gilder.build.CandidateImageNameTest;
import io.gilder.build.FakeImageFactory;
import io.gilder.error.RegistryBusyException;
import io.gilder.registry.ActiveImageList;
import io.gilder.registry.FakeGoldenRegistry;
import io.gilder.registry.FakeNotifier;
import io.gilder.registry.GilderTags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandidateDiscardTest {

    private static final String EXECUTION = CandidateImageNameTest.EXECUTION;
    private static final BuildRequest REQUEST = CandidateImageNameTest.request("WebServer-1.0", "AmazonLinux-2023", "1");

    private final FakeImageFactory images = new FakeImageFactory();
    private final FakeGoldenRegistry registry = new FakeGoldenRegistry();
    private final FakeNotifier notifier = new FakeNotifier();

    private final FakePendingApprovals approvals = new FakePendingApprovals();
    private final FakeExecutionResources resources = new FakeExecutionResources(images, "i-1");
    private final List<String> instances = resources.instances;

    private final CandidateDiscard discard = new CandidateDiscard(resources, images, registry, notifier, approvals);

    @Test
    void discardEndsTheBuildsPendingApprovalRequestsAndSaysHowMany() {
        approvals.pending.put(EXECUTION, 2);
        approvals.pending.put("arn:aws:states:us-east-1:111111111111:execution:build:another", 1);

        DiscardReport report = discard.discard(EXECUTION, REQUEST, "States.Timeout: the approval expired");

        assertThat(report.endedApprovals()).isEqualTo(2);
        assertThat(approvals.pending).containsOnlyKeys("arn:aws:states:us-east-1:111111111111:execution:build:another");
        assertThat(notifier.notices).singleElement().asString().contains("Approval requests ended undecided: 2");
        assertThat(discard.discard(EXECUTION, REQUEST, "again").endedApprovals()).isZero();
    }

    @Test
    void discardRemovesTheCandidateAndSaysWhyWithoutTouchingTheRegistryItDoesNotList() {
        String candidate = images.add("pending", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-c").imageId();
        registry.parameters.put(REQUEST.parameterName(), "ami-of-another-build");
        registry.latest = new ActiveImageList(List.of("ami-of-another-build"));

        DiscardReport report = discard.discard(EXECUTION, REQUEST, "ImageDenied: Denied by jane: old kernel");

        assertThat(report).isEqualTo(new DiscardReport(List.of("i-1"), List.of(candidate), List.of("snap-c"), 0));
        assertThat(images.images).isEmpty();
        assertThat(registry.parameters).containsExactly(Map.entry(REQUEST.parameterName(), "ami-of-another-build"));
        assertThat(registry.latest.ids()).containsExactly("ami-of-another-build");
        assertThat(registry.claims).as("the active list was only read, never claimed").isZero();
        assertThat(notifier.notices).singleElement().asString().contains("Denied by jane: old kernel", "i-1", candidate, "snap-c",
                "WebServer-1.0", "Removed from the registry: none");
    }

    @Test
    void aRegistrationThatFailedHalfWayIsUndoneAndItsGoldenImageRemoved() {
        String candidate = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-c").imageId();
        String golden = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN), "snap-g").imageId();
        registry.parameters.put(REQUEST.parameterName(), golden);
        registry.latest = new ActiveImageList(List.of("ami-earlier", golden, "ami-later"));

        DiscardReport report = discard.discard(EXECUTION, REQUEST, "States.Timeout");

        assertThat(report).isEqualTo(new DiscardReport(List.of("i-1"), List.of(candidate, golden), List.of("snap-c", "snap-g"), 0));
        assertThat(images.images).isEmpty();
        assertThat(registry.parameters).isEmpty();
        assertThat(registry.latest.ids()).containsExactly("ami-earlier", "ami-later");
        assertThat(registry.claims).isEqualTo(1);
        assertThat(notifier.notices).singleElement().asString().contains(REQUEST.parameterName(), golden + " from /GoldenAMI/latest");
    }

    @Test
    void theRegistryIsUndoneBeforeAnythingElseSoAFailedUndoLeavesTheImagesForTheRetry() {
        String golden = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN), "snap-g").imageId();
        registry.parameters.put(REQUEST.parameterName(), golden);
        registry.latest = new ActiveImageList(List.of(golden));
        registry.busy = true;

        assertThatThrownBy(() -> discard.discard(EXECUTION, REQUEST, "x")).isInstanceOf(RegistryBusyException.class);
        assertThat(images.images).containsOnlyKeys(golden);
        assertThat(instances).containsExactly("i-1");
        assertThat(notifier.notices).isEmpty();
        registry.busy = false;

        DiscardReport retry = discard.discard(EXECUTION, REQUEST, "x");

        assertThat(retry).isEqualTo(new DiscardReport(List.of("i-1"), List.of(golden), List.of("snap-g"), 0));
        assertThat(registry.parameters).isEmpty();
        assertThat(registry.latest.isEmpty()).isTrue();
    }

    @Test
    void withoutARequestNoVersionParameterIsLookedAtButTheActiveListIsStillCleaned() {
        String golden = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN), "snap-g").imageId();
        registry.parameters.put(REQUEST.parameterName(), golden);
        registry.latest = new ActiveImageList(List.of(golden));

        discard.discard(EXECUTION, null, "x");

        assertThat(registry.parameters).containsOnlyKeys(REQUEST.parameterName());
        assertThat(registry.latest.isEmpty()).isTrue();
        assertThat(notifier.notices).singleElement().asString().contains("an unknown build");
    }

    @Test
    void aRerunAfterTheImageWentFindsItsSnapshotsByTheExecutionTagTheyGotAtCreateImage() {
        images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE, GilderTags.EXECUTION, EXECUTION), "snap-c");
        images.snapshotDeletionFails = true;
        assertThatThrownBy(() -> discard.discard(EXECUTION, null, "x")).isInstanceOf(IllegalStateException.class);
        assertThat(images.images).as("the first run deregistered the image before it died").isEmpty();
        images.snapshotDeletionFails = false;

        DiscardReport rerun = discard.discard(EXECUTION, null, "x");

        assertThat(rerun.deletedSnapshots()).containsExactly("snap-c");
        assertThat(images.tagCalls).as("no CreateTags: the role may not tag a snapshot after CreateImage").isEmpty();
        assertThat(discard.discard(EXECUTION, null, "x")).isEqualTo(new DiscardReport(List.of(), List.of(), List.of(), 0));
    }

}
