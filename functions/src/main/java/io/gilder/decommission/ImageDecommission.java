package io.gilder.decommission;

import io.gilder.catalog.TemplateStore;
import io.gilder.distribution.DistributionTags;
import io.gilder.encryption.EncryptionKeys;
import io.gilder.encryption.EncryptionPolicy;
import io.gilder.encryption.KeyGrants;
import io.gilder.registry.RegionalImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import io.gilder.registry.CrossAccountRole;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.RegionalImages;
import java.time.Clock;

/**
 * The removing steps of a decommission, one account and region at a time. In each place the registry goes
 * first (the version parameter when it still holds this image, the image's entry on {@code /GoldenAMI/latest}),
 * then the image: so no consumer is ever pointed at an image that is already gone. Every step is idempotent:
 * what is already gone is skipped, so a re-run after a partial failure finishes the job.
 */
public final class ImageDecommission {

    private final GoldenRegistries registries;
    private final RegionalImages images;
    private final TemplateStore templates;
    private final DistributionManifests manifests;
    private final Clock clock;
    private final EncryptionPolicy encryption;
    private final EncryptionKeys keys;

    public ImageDecommission(GoldenRegistries registries, RegionalImages images, TemplateStore templates,
            DistributionManifests manifests, Clock clock) {
        this(registries, images, templates, manifests, clock, EncryptionPolicy.none(), null);
    }

    /** @param keys where the grants distribution made are revoked (null: none are looked for) */
    public ImageDecommission(GoldenRegistries registries, RegionalImages images, TemplateStore templates,
            DistributionManifests manifests, Clock clock, EncryptionPolicy encryption, EncryptionKeys keys) {
        this.encryption = encryption;
        this.keys = keys;
        this.registries = registries;
        this.images = images;
        this.templates = templates;
        this.manifests = manifests;
        this.clock = clock;
    }

    /** Removes the parameter and list entry in a child account and region (through the cross-account role). */
    public ImageRemoval removeChildRegistration(String executionArn, DecommissionPlan.ChildTarget target, String parameterName) {
        RegistryCleanup registry = registries.inAccount(target.accountId(), target.region(),
                CrossAccountRole.sessionName(executionArn),
                r -> RegistryCleanup.remove(r, parameterName, target.imageId(), executionArn));
        return ImageRemoval.of(target.accountId(), target.region(), target.imageId(), registry, null);
    }

    /**
     * Removes a regional copy of the pipeline account: its parameter and list entry, the KMS grants distribution made for
     * it (before the image, which names its key), the copy, its snapshots.
     */
    public ImageRemoval removeRegionalCopy(String executionArn, DecommissionPlan.RegionalCopy copy, String parameterName) {
        RegistryCleanup registry = registries.inPipeline(copy.region(),
                r -> RegistryCleanup.remove(r, parameterName, copy.imageId(), executionArn));
        revokeGrants(copy.region(), copy.imageId());
        return ImageRemoval.of(null, copy.region(), copy.imageId(), registry, images.retire(copy.region(), copy.imageId()));
    }

    /**
     * Revokes the grants named after the image's source ({@link KeyGrants}) on its snapshots' key and on the key the stack
     * configures for the region; what is already revoked is not found again. An image already gone has no grant of its
     * own left: they go before it.
     */
    List<String> revokeGrants(String region, String imageId) {
        if (keys == null) {
            return List.of();
        }
        Optional<RegionalImage> image = images.describe(region, imageId).map(i -> images.withSnapshotKey(region, i));
        if (image.isEmpty()) {
            return List.of();
        }
        String source = image.get().tags().getOrDefault(DistributionTags.SOURCE_IMAGE, imageId);
        TreeSet<String> candidates = new TreeSet<>();
        if (image.get().kmsKeyId() != null) {
            candidates.add(image.get().kmsKeyId());
        }
        encryption.regionKeys().keyFor(region).ifPresent(candidates::add);
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> revoked = new ArrayList<>();
        for (String key : candidates) {
            keys.describe(region, key).ifPresent(k -> revoked.addAll(keys.revokeGrants(region, k.arn(), KeyGrants.prefix(source))));
        }
        return revoked;
    }

    /**
     * Removes what stays in the pipeline's own region: the source image's registry entries, the image and its
     * snapshots, and the versioned template; then marks the distribution manifest decommissioned (kept: it documents
     * what was there; a re-run keeps the first mark).
     */
    public PipelineRemoval removePipelineRecords(String executionArn, DecommissionPlan plan) {
        ImageRemoval source = removeRegionalCopy(executionArn, new DecommissionPlan.RegionalCopy(plan.sourceRegion(), plan.imageId()),
                plan.parameterName());
        templates.delete(plan.templateKey());
        manifests.update(plan.manifestKey(), stored -> stored.filter(m -> m.decommissioned() == null)
                .map(m -> m.decommissionedBy(executionArn, clock.instant().toString())));
        return new PipelineRemoval(source, plan.templateKey(), plan.manifestKey());
    }
}
