package io.gilder.registry;

import java.util.List;
import java.util.Map;

/**
 * An AMI of the pipeline account in one region, as distribution needs to know it.
 *
 * @param state       EC2 image state: {@code pending}, {@code available}, {@code failed}, ...
 * @param stateReason why EC2 put the image in its state, or {@code null}
 * @param encrypted   whether any EBS snapshot of the image is encrypted
 * @param tags        the image's tags (empty when none)
 * @param snapshotIds EBS snapshots in the image's block device mappings (empty while EC2 has not made them)
 * @param kmsKeyId    the KMS key of its encrypted snapshots (as EC2 reports it), or null when unencrypted or not reported
 */
public record RegionalImage(String imageId, String name, String state, String stateReason, boolean encrypted,
        Map<String, String> tags, List<String> snapshotIds, String kmsKeyId) {

    public RegionalImage {
        tags = Map.copyOf(tags);
        snapshotIds = List.copyOf(snapshotIds);
    }

    public RegionalImage(String imageId, String name, String state, String stateReason, boolean encrypted,
            Map<String, String> tags, List<String> snapshotIds) {
        this(imageId, name, state, stateReason, encrypted, tags, snapshotIds, null);
    }
}
