package io.gilder.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.port.ExecutionResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateDiscardTest {

    private static final String EXECUTION = CandidateImageNameTest.EXECUTION;

    private final FakeImages images = new FakeImages();
    private final List<String> instances = new ArrayList<>(List.of("i-1"));
    private final List<String> notices = new ArrayList<>();

    /** Finds the fake's images and the instances list; snapshots only through the images' tags. */
    private final ExecutionResources resources = new ExecutionResources() {
        @Override
        public List<String> liveInstances(String executionArn) {
            return List.copyOf(instances);
        }

        @Override
        public List<ImageRecord> images(String executionArn) {
            return List.copyOf(images.images.values());
        }

        @Override
        public List<TaggedSnapshot> snapshots(String executionArn) {
            return images.tags.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("snap-") && executionArn.equals(e.getValue().get(GilderTags.EXECUTION)))
                    .filter(e -> !images.deletedSnapshots.contains(e.getKey()))
                    .map(e -> new TaggedSnapshot(e.getKey(), e.getValue())).toList();
        }

        @Override
        public boolean terminateInstance(String instanceId) {
            return instances.remove(instanceId);
        }
    };

    private final CandidateDiscard discard = new CandidateDiscard(resources, images, (s, m) -> notices.add(s + "\n" + m));

    @Test
    void discardRemovesTheCandidateButNeverTheGoldenImageAndSaysWhy() {
        String candidate = images.add("pending", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-c").imageId();
        String golden = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN), "snap-g").imageId();

        DiscardReport report = discard.discard(EXECUTION, null, "ImageDenied: Denied by jane: old kernel");

        assertThat(report).isEqualTo(new DiscardReport(List.of("i-1"), List.of(candidate), List.of("snap-c")));
        assertThat(images.images).containsOnlyKeys(golden);
        assertThat(notices).singleElement().asString().contains("Denied by jane: old kernel", "i-1", candidate, "snap-c",
                "an unknown build");
    }

    @Test
    void aRerunAfterTheImageWentFindsItsSnapshotsByTag() {
        images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-c");
        images.snapshotDeletionFails = true;
        assertThatThrownBy(() -> discard.discard(EXECUTION, null, "x")).isInstanceOf(IllegalStateException.class);
        assertThat(images.images).as("the first run deregistered the image before it died").isEmpty();
        images.snapshotDeletionFails = false;

        DiscardReport rerun = discard.discard(EXECUTION, null, "x");

        assertThat(rerun.deletedSnapshots()).containsExactly("snap-c");
        assertThat(discard.discard(EXECUTION, null, "x")).isEqualTo(new DiscardReport(List.of(), List.of(), List.of()));
    }
}
