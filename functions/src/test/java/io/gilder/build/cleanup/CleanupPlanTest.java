package io.gilder.build.cleanup;

import io.gilder.build.ImageRecord;
import io.gilder.build.TaggedSnapshot;
import io.gilder.registry.GilderTags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class CleanupPlanTest {

    private static ImageRecord image(String id, String type, String... snapshots) {
        Map<String, String> tags = type == null ? Map.of() : Map.of(GilderTags.AMI_TYPE, type);
        return new ImageRecord(id, "name-" + id, "available", null, tags, List.of(snapshots));
    }

    private static TaggedSnapshot snapshot(String id, Map<String, String> tags) {
        return new TaggedSnapshot(id, tags);
    }

    @Test
    void candidatesAndTheirSnapshotsAndTaggedSnapshotsAreRemoved() {
        CleanupPlan plan = CleanupPlan.of(List.of(image("ami-c", GilderTags.CANDIDATE, "snap-1", "snap-2")),
                List.of(snapshot("snap-2", Map.of()), snapshot("snap-orphan", Map.of())));

        assertThat(plan.images()).extracting(ImageRecord::imageId).containsExactly("ami-c");
        assertThat(plan.snapshots()).containsExactly("snap-1", "snap-2", "snap-orphan");
    }

    @Test
    void theExecutionsGoldenImagesGoTooWithTheirSnapshotsWhateverTheirTags() {
        CleanupPlan plan = CleanupPlan.of(
                List.of(image("ami-g", GilderTags.GOLDEN, "snap-g"), image("ami-c", GilderTags.CANDIDATE, "snap-c")),
                List.of(snapshot("snap-g", Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN)),
                        snapshot("snap-golden-orphan", Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN))));

        assertThat(plan.imageIds()).containsExactly("ami-g", "ami-c");
        assertThat(plan.snapshots()).containsExactly("snap-g", "snap-c", "snap-golden-orphan");
    }

    @Test
    void anImageGilderDidNotMakeStaysAndSoDoesEverySnapshotItNamesEvenATaggedOne() {
        CleanupPlan plan = CleanupPlan.of(
                List.of(image("ami-c", GilderTags.CANDIDATE, "snap-c", "snap-shared"), image("ami-untyped", null, "snap-u", "snap-shared"),
                        image("ami-other-type", "Experimental", "snap-x")),
                List.of(snapshot("snap-u", Map.of()), snapshot("snap-x", Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE)),
                        snapshot("snap-shared", Map.of())));

        assertThat(plan.imageIds()).containsExactly("ami-c");
        assertThat(plan.snapshots()).containsExactly("snap-c");
    }

    @Test
    void nothingTaggedMeansNothingToDo() {
        CleanupPlan plan = CleanupPlan.of(List.of(), List.of());

        assertThat(plan.images()).isEmpty();
        assertThat(plan.snapshots()).isEmpty();
    }
}
