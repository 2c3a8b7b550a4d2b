package io.gilder.build;

import io.gilder.error.CandidateImageFailedException;
import io.gilder.error.WaitTimedOutException;
import io.gilder.registry.GilderTags;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandidateImagesTest {

    private static final String EXECUTION = CandidateImageNameTest.EXECUTION;
    private static final BuildRequest REQUEST = CandidateImageNameTest.request("WebServer-1.0", "AmazonLinux-2023", "1");

    private final FakeImageFactory images = new FakeImageFactory();
    private final CandidateImages candidates = new CandidateImages(images, 3);

    @Test
    void aRetryOfTheSameExecutionFindsTheImageInsteadOfCreatingAnother() {
        CandidateImage first = candidates.create(EXECUTION, "i-1", REQUEST, "ami-source");
        CandidateImage retry = candidates.create(EXECUTION, "i-1", REQUEST, "ami-source");

        assertThat(retry).isEqualTo(first);
        assertThat(images.created).containsExactly(first.imageId());
        assertThat(images.tags.get(first.imageId())).containsEntry(GilderTags.AMI_TYPE, GilderTags.CANDIDATE)
                .containsEntry(GilderTags.EXECUTION, EXECUTION).containsEntry(GilderTags.SOURCE_AMI, "ami-source")
                .containsEntry(GilderTags.PRODUCT, "WebServer-1.0").containsEntry(GilderTags.OS, "AmazonLinux-2023")
                .containsEntry(GilderTags.VERSION, "1").containsEntry(GilderTags.NAME, first.imageName());
    }

    @Test
    void aPendingImageIsNotDoneAndCountsTheAttempt() {
        String id = images.add("pending", null, Map.of()).imageId();

        ImageCheck check = candidates.check(id, 1);

        assertThat(check.done()).isFalse();
        assertThat(check.attempt()).isEqualTo(2);
        assertThat(check.snapshotIds()).isEmpty();
        assertThatThrownBy(() -> candidates.check(id, 2)).isInstanceOf(WaitTimedOutException.class).hasMessageContaining(id);
    }

    @Test
    void anAvailableImageIsDoneWithItsSnapshotsAndNothingIsTagged() {
        String id = images.add("available", null, Map.of(GilderTags.AMI_TYPE, GilderTags.CANDIDATE), "snap-1", "snap-2").imageId();

        ImageCheck check = candidates.check(id, 0);

        assertThat(check).isEqualTo(new ImageCheck(true, 1, java.util.List.of("snap-1", "snap-2")));
        // The snapshots were tagged at CreateImage (ImageLifecycleTest reads them back); the role may tag them only then.
        assertThat(images.tagCalls).isEmpty();
    }

    @Test
    void aFailedOrMissingImageIsATerminalErrorWithTheReason() {
        String id = images.add("failed", "Client.InternalError: volume error", Map.of()).imageId();

        assertThatThrownBy(() -> candidates.check(id, 0)).isInstanceOf(CandidateImageFailedException.class)
                .hasMessageContaining("'failed'").hasMessageContaining("volume error");
        assertThatThrownBy(() -> candidates.check("ami-gone", 0)).isInstanceOf(CandidateImageFailedException.class)
                .hasMessageContaining("no longer exists");
    }
}
