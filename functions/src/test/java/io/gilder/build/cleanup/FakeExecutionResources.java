package io.gilder.build.cleanup;

import io.gilder.build.FakeImageFactory;
import io.gilder.build.ImageRecord;
import io.gilder.build.TaggedSnapshot;
import io.gilder.registry.GilderTags;
import java.util.ArrayList;
import java.util.List;

/**
 * What an execution left, as the clean-up's tests see it: the fake factory's images, snapshots found only through their
 * {@code gilder:execution} tag (as on EC2), and a list of live instances.
 */
final class FakeExecutionResources implements ExecutionResources {

    final List<String> instances = new ArrayList<>();
    private final FakeImageFactory images;

    FakeExecutionResources(FakeImageFactory images, String... liveInstances) {
        this.images = images;
        instances.addAll(List.of(liveInstances));
    }

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
}
