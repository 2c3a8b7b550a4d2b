package io.gilder.build;

import io.gilder.registry.GilderTags;
import java.util.List;
import java.util.Map;

/**
 * An AMI owned by this account, as Gilder needs to know it.
 *
 * @param state       EC2 image state: {@code pending}, {@code available}, {@code failed}, ...
 * @param stateReason why EC2 put the image in its state (mostly for failures), or {@code null}
 * @param tags        the image's tags (empty when it has none)
 * @param snapshotIds EBS snapshots named in the image's block device mappings, in mapping order
 *                    (empty while EC2 has not created them yet)
 */
public record ImageRecord(String imageId, String name, String state, String stateReason, Map<String, String> tags,
        List<String> snapshotIds) {

    public ImageRecord {
        tags = Map.copyOf(tags);
        snapshotIds = List.copyOf(snapshotIds);
    }

    /** Whether the image's {@code AMI-Type} tag says {@code kind} ({@code Candidate} or {@code Golden}). */
    public boolean isOfType(String kind) {
        return kind.equals(tags.get(GilderTags.AMI_TYPE));
    }
}
