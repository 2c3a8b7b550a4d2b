package io.gilder.decommission;

import io.gilder.registry.RetiredImage;
import java.util.List;

/**
 * What one remove step did in one account and region.
 *
 * @param accountId        the child account, or {@code null} for the pipeline account
 * @param deregistered     whether the image was deregistered now (always false in child accounts, which own no copy)
 * @param deletedSnapshots snapshots deleted now
 */
public record ImageRemoval(String accountId, String region, String imageId, boolean parameterDeleted, boolean latestRemoved,
        boolean deregistered, List<String> deletedSnapshots) {

    public ImageRemoval {
        deletedSnapshots = List.copyOf(deletedSnapshots);
    }

    static ImageRemoval of(String accountId, String region, String imageId, RegistryCleanup registry, RetiredImage image) {
        return new ImageRemoval(accountId, region, imageId, registry.parameterDeleted(), registry.latestRemoved(),
                image != null && image.deregistered(), image == null ? List.of() : image.deletedSnapshots());
    }
}
