package io.gilder.distribution;

import io.gilder.build.ImageCheck;
import io.gilder.encryption.EncryptionKeys;
import io.gilder.encryption.EncryptionPolicy;
import io.gilder.encryption.ImageEncryption;
import io.gilder.encryption.KeyGrants;
import io.gilder.error.ImageCopyFailedException;
import io.gilder.error.ImageRevokedException;
import io.gilder.flow.WaitProgress;
import io.gilder.registry.CrossAccountRole;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.RegionCopy;
import io.gilder.registry.RegionalImage;
import io.gilder.registry.RegionalImages;
import io.gilder.registry.RevocationTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies a golden image to a region, follows the copy until available, shares it with accounts and
 * records it in Parameter Store there and in each account. Every step may run again (a retry, a
 * re-run after a partial failure) and then changes nothing that is already done.
 */
public final class ImageDistribution {

    private final RegionalImages images;
    private final GoldenRegistries registries;
    private final int maxAvailableChecks;
    private final EncryptionPolicy encryption;
    private final EncryptionKeys keys;

    public ImageDistribution(RegionalImages images, GoldenRegistries registries, int maxAvailableChecks) {
        this(images, registries, maxAvailableChecks, EncryptionPolicy.none(), null);
    }

    /**
     * @param encryption the stack's image encryption: which key each region's copy is encrypted with
     * @param keys       where grants for target accounts are made (null: encrypted images are shared without grants)
     */
    public ImageDistribution(RegionalImages images, GoldenRegistries registries, int maxAvailableChecks, EncryptionPolicy encryption,
            EncryptionKeys keys) {
        this.encryption = encryption;
        this.keys = keys;
        this.images = images;
        this.registries = registries;
        this.maxAvailableChecks = maxAvailableChecks;
    }

    /**
     * The image in {@code region}: the golden image itself in its home region; elsewhere the copy an earlier
     * run made (found by its {@code gilder:source-image} tag), else a new copy. The copy's client token is
     * derived from image and region, so even a retry racing this one gets the same copy from EC2. The copy is re-encrypted
     * with the region's key of {@code RegionKmsKeyArns} when the image is encrypted or {@code ImageEncryption} is on.
     */
    public RegionCopy copy(String executionArn, DistributionImage image, String region) {
        if (region.equals(image.sourceRegion())) {
            return new RegionCopy(region, image.imageId(), false);
        }
        Optional<String> earlier = images.findByTag(region, DistributionTags.SOURCE_IMAGE, image.imageId());
        if (earlier.isPresent()) {
            return new RegionCopy(region, earlier.get(), true); // its tags still name the execution that made it
        }
        // Tagged at CopyImage, the copy and its snapshots: the role may tag them at that moment only (ec2:CreateAction), so
        // no copy exists without its source tag, and a retry finds it above.
        String copyId = images.copy(region, image.sourceRegion(), image.imageId(), image.name(), "Gilder golden image "
                        + image.product() + " on " + image.os() + ", build " + image.buildVersion() + ", copied from "
                        + image.imageId() + " in " + image.sourceRegion(),
                CopyToken.of(image.imageId(), region), DistributionTags.copy(image, executionArn), copyKey(image, region));
        return new RegionCopy(region, copyId, true);
    }

    /** The key of the region's copy, or null for a plain copy (the validator made sure a needed key is configured). */
    private String copyKey(DistributionImage image, String region) {
        Optional<String> key = encryption.regionKeys().keyFor(region);
        if (key.isEmpty()) {
            return null;
        }
        boolean wanted = encryption.mode() != ImageEncryption.NONE
                || images.describe(image.sourceRegion(), image.imageId()).map(RegionalImage::encrypted).orElse(false);
        return wanted ? key.get() : null;
    }

    /**
     * One check of the copy's wait loop. Tags nothing: the copy and its snapshots were tagged at CopyImage.
     *
     * @throws ImageCopyFailedException the copy failed or no longer exists
     * @throws io.gilder.error.WaitTimedOutException still pending after the last allowed check
     */
    public ImageCheck check(String region, String imageId, int previousAttempt) {
        RegionalImage image = images.describe(region, imageId).orElseThrow(() -> new ImageCopyFailedException(
                "Image " + imageId + " in " + region + " no longer exists (deregistered, or the copy never started)"));
        switch (image.state()) {
            case "available" -> {
                return new ImageCheck(true, previousAttempt + 1, image.snapshotIds());
            }
            case "pending", "transient" -> {
                WaitProgress progress = WaitProgress.after(previousAttempt, maxAvailableChecks, false,
                        "image " + imageId + " in " + region + " to become available");
                return new ImageCheck(false, progress.attempt(), List.of());
            }
            default -> throw new ImageCopyFailedException("Image " + imageId + " in " + region + " is '" + image.state() + "'"
                    + (image.stateReason() == null ? "" : ": " + image.stateReason()));
        }
    }

    /**
     * Grants launch permission on the image, and volume permission on each of its snapshots, to the accounts
     * that lack them (account ids only: {@link PublicSharing}); refuses, before granting anything, when the image or one of
     * its snapshots is already public; then records the image in the pipeline account's registry of that region (its version
     * parameter and {@code /GoldenAMI/latest}).
     *
     * @throws io.gilder.error.PublicSharingRefusedException a recipient is not an account id, or the image or a snapshot is public
     * @param holder the execution, named by the registry's lock while it changes the active list
     */
    public ImageShare share(String region, String imageId, List<String> accountIds, String parameterName, String holder) {
        RegionalImage image = images.describe(region, imageId).orElseThrow(() -> new ImageCopyFailedException(
                "Image " + imageId + " in " + region + " no longer exists; it cannot be shared"));
        Set<String> accounts = new TreeSet<>(PublicSharing.accountsOnly(imageId, accountIds));
        Set<String> launch = images.launchPermissions(region, imageId);
        PublicSharing.refuseIfPublic("Image " + imageId, region, launch);
        Map<String, Set<String>> volumes = new LinkedHashMap<>();
        for (String snapshotId : image.snapshotIds()) {
            volumes.put(snapshotId, images.volumePermissions(region, snapshotId));
            PublicSharing.refuseIfPublic("Snapshot " + snapshotId + " of " + imageId, region, volumes.get(snapshotId));
        }
        images.grantLaunch(region, imageId, missing(accounts, launch));
        volumes.forEach((snapshotId, present) -> images.grantVolumes(region, snapshotId, missing(accounts, present)));
        grantKey(region, image, accounts);
        registries.inPipeline(region, registry -> {
            registry.registerImage(parameterName, imageId);
            return registry.addActive(imageId, holder, notRevoked(region, imageId));
        });
        return new ImageShare(region, imageId, List.copyOf(accounts));
    }

    /**
     * For an encrypted image, a grant per account on the key of its snapshots, named after the source image and the account
     * ({@link KeyGrants}) so that a retry reuses it and decommission revokes exactly these.
     */
    private void grantKey(String region, RegionalImage described, Set<String> accounts) {
        if (!described.encrypted() || keys == null) {
            return;
        }
        RegionalImage image = images.withSnapshotKey(region, described);
        if (image.kmsKeyId() == null) {
            return;
        }
        String source = image.tags().getOrDefault(DistributionTags.SOURCE_IMAGE, image.imageId());
        for (String account : accounts) {
            keys.grant(region, image.kmsKeyId(), account, KeyGrants.name(source, account));
        }
    }

    /** Writes the version parameter and adds the image to {@code /GoldenAMI/latest} in a child account's region. */
    public AccountPublication publish(String executionArn, String accountId, String region, String imageId, String parameterName) {
        registries.inAccount(accountId, region, CrossAccountRole.sessionName(executionArn), registry -> {
            registry.registerImage(parameterName, imageId);
            return registry.addActive(imageId, executionArn, notRevoked(region, imageId));
        });
        return new AccountPublication(accountId, region, parameterName);
    }

    /**
     * The registry's last check before it lists the image (inside its critical section): the image (this region's copy,
     * which a revocation marks like the source) must still exist and carry no revocation mark, read afresh.
     */
    private GoldenRegistry.PublishCheck notRevoked(String region, String imageId) {
        return () -> {
            RegionalImage image = images.describe(region, imageId).orElseThrow(() -> new ImageCopyFailedException(
                    "Image " + imageId + " in " + region + " no longer exists; it is not published"));
            String revocation = image.tags().get(RevocationTags.REVOCATION);
            if (revocation != null) {
                throw new ImageRevokedException(imageId + " in " + region + " was revoked (" + revocation + ", "
                        + image.tags().getOrDefault(RevocationTags.AT, "time unknown") + ") after this distribution was validated: "
                        + "a revoked image is never published again; nothing was added to " + GoldenParameters.LATEST);
            }
        };
    }

    private static List<String> missing(Set<String> wanted, Set<String> present) {
        List<String> missing = new ArrayList<>(wanted);
        missing.removeAll(present);
        return missing;
    }
}
