package io.gilder.build.cleanup;

import io.gilder.build.ImageRecord;
import io.gilder.build.TaggedSnapshot;
import io.gilder.registry.GilderTags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What discarding a build removes, decided from what carries the build's execution tag. An execution
 * that ends in discard never produced a golden image, so every image Gilder made for it goes, whether
 * still a candidate or already tagged golden by a registration that failed half-way. An image tagged
 * with the execution but of neither type was not made by Gilder and stays, together with every
 * snapshot it names, even one carrying the execution tag: a snapshot is deleted only when no image
 * outside the plan is known to need it.
 *
 * <p>The plan sees only resources tagged with the execution, so it cannot know about an image of
 * another execution that names one of these snapshots; EC2 itself refuses to delete a snapshot that
 * backs a registered image, which makes such a discard fail rather than break the other image.
 *
 * @param images    the execution's candidate and golden images, to deregister
 * @param snapshots snapshots to delete once those images are gone: those named by the images and
 *                  those tagged with the execution, less any named by an image left alone
 */
public record CleanupPlan(List<ImageRecord> images, List<String> snapshots) {

    public static CleanupPlan of(List<ImageRecord> taggedImages, List<TaggedSnapshot> taggedSnapshots) {
        List<ImageRecord> discarded = taggedImages.stream().filter(CleanupPlan::madeByGilder).toList();
        Set<String> protectedSnapshots = new LinkedHashSet<>();
        taggedImages.stream().filter(i -> !madeByGilder(i)).forEach(i -> protectedSnapshots.addAll(i.snapshotIds()));

        Set<String> snapshots = new LinkedHashSet<>();
        discarded.forEach(i -> snapshots.addAll(i.snapshotIds()));
        taggedSnapshots.forEach(s -> snapshots.add(s.snapshotId()));
        snapshots.removeAll(protectedSnapshots);
        return new CleanupPlan(discarded, new ArrayList<>(snapshots));
    }

    /** @return the ids of the images to deregister */
    public List<String> imageIds() {
        return images.stream().map(ImageRecord::imageId).toList();
    }

    private static boolean madeByGilder(ImageRecord image) {
        return image.isOfType(GilderTags.CANDIDATE) || image.isOfType(GilderTags.GOLDEN);
    }
}
