package io.gilder.registry;

import java.util.Optional;
import java.util.Set;

/**
 * The pipeline account's EC2 block public access settings in one region, as EC2 reports them:
 * {@code images} from {@code GetImageBlockPublicAccessState} ({@code block-new-sharing} or {@code unblocked}),
 * {@code snapshots} from {@code GetSnapshotBlockPublicAccessState} ({@code block-all-sharing}, {@code block-new-sharing}
 * or {@code unblocked}). A value EC2 did not send is null.
 */
public record PublicAccessBlock(String region, String images, String snapshots) {

    /** Image states that stop an AMI from being made public. */
    static final Set<String> IMAGES_BLOCKED = Set.of("block-new-sharing");
    /** Snapshot states that stop a snapshot from being made public (block-all-sharing also hides those that already are). */
    static final Set<String> SNAPSHOTS_BLOCKED = Set.of("block-all-sharing", "block-new-sharing");

    /**
     * @return empty when both settings stop public sharing; otherwise what is off and the commands that turn it on. Any value
     *         other than the blocking ones (unblocked, missing, one EC2 adds later) counts as off: fail closed.
     */
    public Optional<String> whyNotBlocked() {
        StringBuilder off = new StringBuilder();
        if (images == null || !IMAGES_BLOCKED.contains(images)) {
            off.append("block public access for AMIs is '").append(images).append("' in ").append(region)
                    .append(" (turn it on: aws ec2 enable-image-block-public-access --region ").append(region)
                    .append(" --image-block-public-access-state block-new-sharing)");
        }
        if (snapshots == null || !SNAPSHOTS_BLOCKED.contains(snapshots)) {
            off.append(off.isEmpty() ? "" : "; ").append("block public access for snapshots is '").append(snapshots).append("' in ")
                    .append(region).append(" (turn it on: aws ec2 enable-snapshot-block-public-access --region ").append(region)
                    .append(" --state block-all-sharing)");
        }
        return off.isEmpty() ? Optional.empty() : Optional.of(off.toString());
    }
}
