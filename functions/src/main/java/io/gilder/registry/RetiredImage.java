package io.gilder.registry;

import java.util.List;

/**
 * An image removed from one region.
 *
 * @param deregistered     whether it was deregistered now (false: already gone)
 * @param deletedSnapshots the snapshots deleted now
 */
public record RetiredImage(String region, String imageId, boolean deregistered, List<String> deletedSnapshots) {

    public RetiredImage {
        deletedSnapshots = List.copyOf(deletedSnapshots);
    }
}
