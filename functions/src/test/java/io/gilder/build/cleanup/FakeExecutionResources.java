package io.gilder.build.cleanup;

import io.gilder.build.FakeImageFactory;
import io.gilder.build.ImageRecord;
import io.gilder.build.TaggedSnapshot;
import io.gilder.registry.GilderTags;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution's resources as kept by a {@link FakeImageFactory} and a list of live instances: every image of the
 * fake, the instances of the list, and snapshots found only through their execution tag (as the AWS adapter finds
 * them once their image is gone). Shared by the clean-up tests.
 */
final class FakeExecutionResources implements ExecutionResources {

    final List<String> instances = new ArrayList<>();
    private final FakeImageFactory images;

    FakeExecutionResources(FakeImageFactory images, String... instances) {
        this.images = images;
        this.instances.addAll(List.of(instances));
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
