package io.gilder.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline account's AMIs and snapshots in any region: finding, copying, tagging and sharing
 * them (distribution), and retiring them (decommission). Every method throws {@link io.gilder.error.GilderException} when the call itself fails
 * (retryable for throttling and outages, terminal otherwise).
 */
public interface RegionalImages {

    /**
     * The member {@link #launchPermissions} and {@link #volumePermissions} report when the image or snapshot is public (its
     * permission names the group {@code all}). No account id can collide with it: account ids are 12 digits.
     */
    String PUBLIC = "all";

    /** @return the account's own image {@code imageId} in {@code region}, or empty when there is none (any more) */
    Optional<RegionalImage> describe(String region, String imageId);

    /**
     * @return the KMS key (ARN) of the first encrypted snapshot among {@code snapshotIds} ({@code DescribeSnapshots}), or
     *         empty when none is encrypted or none is left
     */
    Optional<String> snapshotKey(String region, List<String> snapshotIds);

    /**
     * @return the tags of each of {@code snapshotIds} this account owns in {@code region}, by snapshot id; a snapshot that
     *         does not exist (or is not this account's) is absent
     */
    Map<String, Map<String, String>> snapshotTags(String region, List<String> snapshotIds);

    /**
     * {@code image} with its key: EC2's {@code DescribeImages} says whether an image's snapshots are encrypted but not with
     * which key ({@code KmsKeyId} of a block device mapping is a RunInstances parameter, never reported), so the key of an
     * encrypted image is read from its snapshots. An unencrypted image, or one whose key is known, is returned as it is.
     */
    default RegionalImage withSnapshotKey(String region, RegionalImage image) {
        if (!image.encrypted() || image.kmsKeyId() != null || image.snapshotIds().isEmpty()) {
            return image;
        }
        return snapshotKey(region, image.snapshotIds()).map(key -> new RegionalImage(image.imageId(), image.name(), image.state(),
                image.stateReason(), true, image.tags(), image.snapshotIds(), key)).orElse(image);
    }

    /**
     * @return the id of the account's own image in {@code region} tagged {@code tagKey=tagValue}, or empty when there
     *         is none; with several, the first EC2 lists
     */
    Optional<String> findByTag(String region, String tagKey, String tagValue);

    /**
     * Starts copying {@code sourceImageId} from {@code sourceRegion} into {@code region}, the copy and each of its
     * snapshots tagged with {@code tags} at creation. The same {@code clientToken} makes EC2 answer a repeated request with the first copy.
     *
     * @return the id of the (pending) copy
     * @throws io.gilder.error.AwsCallFailedException also when an image of that name already exists in the region
     */
    String copy(String region, String sourceRegion, String sourceImageId, String name, String description,
            String clientToken, Map<String, String> tags);

    /**
     * {@link #copy} re-encrypted: with {@code kmsKeyId} (a key of {@code region}) the copy and its snapshots are encrypted
     * with that key ({@code Encrypted=true}, {@code KmsKeyId}); null copies as {@link #copy} does.
     */
    default String copy(String region, String sourceRegion, String sourceImageId, String name, String description,
            String clientToken, Map<String, String> tags, String kmsKeyId) {
        if (kmsKeyId != null) {
            throw new UnsupportedOperationException("encrypted copies are not supported by " + getClass().getSimpleName());
        }
        return copy(region, sourceRegion, sourceImageId, name, description, clientToken, tags);
    }

    /** Adds or overwrites {@code tags} on images and snapshots of {@code region}; does nothing for no ids. */
    void tag(String region, Collection<String> resourceIds, Map<String, String> tags);

    /**
     * @return the account ids that may launch {@code imageId} (empty when the image is private), and {@link #PUBLIC} when
     *         everyone may; organization and OU grants are not listed
     */
    Set<String> launchPermissions(String region, String imageId);

    /** Lets {@code accountIds} (account ids only, never a group) launch {@code imageId}; does nothing for no ids. */
    void grantLaunch(String region, String imageId, Collection<String> accountIds);

    /** @return the account ids that may create volumes from {@code snapshotId}, and {@link #PUBLIC} when everyone may */
    Set<String> volumePermissions(String region, String snapshotId);

    /** Lets {@code accountIds} (account ids only, never a group) create volumes from {@code snapshotId}; does nothing for no ids. */
    void grantVolumes(String region, String snapshotId, Collection<String> accountIds);

    /**
     * @return this account's block public access settings for AMIs and snapshots in {@code region} (two EC2 calls); an
     *         error (e.g. a partition without the API) is thrown, never taken for "blocked"
     */
    PublicAccessBlock publicAccessBlock(String region);

    /**
     * Deregisters the account's image {@code imageId} in {@code region}, then deletes exactly the snapshots of its
     * block device mappings that this account owns. Idempotent: a re-run after a failure between the two still
     * finds and deletes those snapshots; an image already gone gives {@code deregistered=false}.
     */
    RetiredImage retire(String region, String imageId);
}
