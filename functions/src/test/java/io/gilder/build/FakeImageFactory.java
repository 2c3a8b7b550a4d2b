package io.gilder.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared fake of {@link ImageFactory} (where fakes live: {@code io.gilder.testing}'s package-info): images by id, tags by resource id
 * (an image's snapshots carry its tags from creation on, as with CreateImage's tag specifications), a log of creations and of
 * CreateTags calls; {@link #snapshotDeletionFails} injects a failure.
 */
public final class FakeImageFactory implements ImageFactory {

    public final Map<String, ImageRecord> images = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> tags = new HashMap<>();
    final List<String> created = new ArrayList<>();
    public final List<String> deletedSnapshots = new ArrayList<>();
    /** The resources of each CreateTags call. */
    public final List<Collection<String>> tagCalls = new ArrayList<>();
    /** When set, snapshot deletion fails like a run that dies half-way. */
    public boolean snapshotDeletionFails;
    private int next = 1;

    public ImageRecord add(String state, String stateReason, Map<String, String> imageTags, String... snapshots) {
        ImageRecord image = new ImageRecord("ami-" + next++, "image", state, stateReason, imageTags, List.of(snapshots));
        images.put(image.imageId(), image);
        tags.put(image.imageId(), new HashMap<>(imageTags));
        image.snapshotIds().forEach(snapshot -> tags.put(snapshot, new HashMap<>(imageTags)));
        return image;
    }

    @Override
    public Optional<String> findOwnedByName(String name) {
        return images.values().stream().filter(i -> i.name().equals(name)).map(ImageRecord::imageId).findFirst();
    }

    @Override
    public String createImage(String instanceId, String name, String description, Map<String, String> imageTags) {
        ImageRecord image = new ImageRecord("ami-" + next++, name, "pending", null, imageTags, List.of());
        images.put(image.imageId(), image);
        tags.put(image.imageId(), new HashMap<>(imageTags));
        created.add(image.imageId());
        return image.imageId();
    }

    @Override
    public Optional<ImageRecord> describe(String imageId) {
        return Optional.ofNullable(images.get(imageId));
    }

    @Override
    public void tag(Collection<String> resourceIds, Map<String, String> newTags) {
        tagCalls.add(List.copyOf(resourceIds));
        resourceIds.forEach(id -> tags.computeIfAbsent(id, k -> new HashMap<>()).putAll(newTags));
    }

    @Override
    public boolean deregister(String imageId) {
        return images.remove(imageId) != null;
    }

    @Override
    public boolean deleteSnapshot(String snapshotId) {
        if (snapshotDeletionFails) {
            throw new IllegalStateException("Lambda timed out");
        }
        if (deletedSnapshots.contains(snapshotId)) {
            return false;
        }
        deletedSnapshots.add(snapshotId);
        return true;
    }
}
