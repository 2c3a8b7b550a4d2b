package io.gilder.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What discarding a build removes, decided from what carries the build's execution tag. Only
 * candidate images are deregistered: a golden image is never touched, nor any snapshot that backs
 * one, even when it carries the same execution tag.
 *
 * @param images    candidate images to deregister
 * @param snapshots snapshots to delete once those images are gone: those named by the candidate
 *                  images and those tagged with the execution, less any of a golden image
 */
public record CleanupPlan(List<ImageRecord> images, List<String> snapshots) {

    public static CleanupPlan of(List<ImageRecord> taggedImages, List<TaggedSnapshot> taggedSnapshots) {
        List<ImageRecord> candidates = taggedImages.stream().filter(i -> i.isOfType(GilderTags.CANDIDATE)).toList();
        Set<String> protectedSnapshots = new LinkedHashSet<>();
        taggedImages.stream().filter(i -> !i.isOfType(GilderTags.CANDIDATE)).forEach(i -> protectedSnapshots.addAll(i.snapshotIds()));
        taggedSnapshots.stream().filter(s -> GilderTags.GOLDEN.equals(s.tags().get(GilderTags.AMI_TYPE)))
                .forEach(s -> protectedSnapshots.add(s.snapshotId()));

        Set<String> snapshots = new LinkedHashSet<>();
        candidates.forEach(i -> snapshots.addAll(i.snapshotIds()));
        taggedSnapshots.forEach(s -> snapshots.add(s.snapshotId()));
        snapshots.removeAll(protectedSnapshots);
        return new CleanupPlan(candidates, new ArrayList<>(snapshots));
    }
}
