package io.gilder.revocation;

import io.gilder.decommission.DecommissionPlan;
import io.gilder.decommission.RegistryCleanup;
import io.gilder.registry.CrossAccountRole;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.Notifier;
import io.gilder.registry.RegionalImages;
import io.gilder.registry.RevocationTags;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The acting steps of a revocation, each idempotent so that running the same revocation again finishes what failed:
 * marking (tags on the source image and each copy, a record in the distribution manifest), deprecating one image,
 * withdrawing one image from one account and region's {@code /GoldenAMI/latest} (under the registry's lock; the version
 * parameters stay: removing them is decommission's job), and the notice of what was done where.
 */
public final class ImageRevocation {

    private final RegionalImages images;
    private final ImageDeprecator deprecator;
    private final GoldenRegistries registries;
    private final DistributionManifests manifests;
    private final Notifier notifier;
    private final Clock clock;

    public ImageRevocation(RegionalImages images, ImageDeprecator deprecator, GoldenRegistries registries, DistributionManifests manifests,
            Notifier notifier, Clock clock) {
        this.images = images;
        this.deprecator = deprecator;
        this.registries = registries;
        this.manifests = manifests;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Tags every image of the plan that still exists and records the revocation in the manifest, when there is one. */
    public RevocationMark mark(String executionArn, RevocationPlan plan) {
        String at = clock.instant().toString();
        Map<String, String> tags = RevocationTags.of(plan.mode(), plan.reason(), executionArn, at);
        List<String> tagged = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (DecommissionPlan.ChildTarget image : plan.images()) {
            if (images.describe(image.region(), image.imageId()).isPresent()) {
                images.tag(image.region(), List.of(image.imageId()), tags);
                tagged.add(image.region() + " " + image.imageId());
            } else {
                missing.add(image.region() + " " + image.imageId());
            }
        }
        DistributionManifest.Revocation revocation = new DistributionManifest.Revocation(plan.mode(), plan.reason(), at, executionArn,
                plan.rescanRun(), plan.findings());
        boolean recorded = manifests.update(plan.manifestKey(), stored -> stored.map(m -> m.revokedBy(revocation))).isPresent();
        return new RevocationMark(at, tagged, missing, manifests.describe(plan.manifestKey()), recorded);
    }

    /** Deprecates one image of the pipeline account (the source or a copy) now; see {@link ImageDeprecator}. */
    public ImageDeprecated deprecate(DecommissionPlan.ChildTarget image) {
        return deprecator.deprecate(image.region(), image.imageId());
    }

    /** Takes the image off {@code /GoldenAMI/latest} of one account (null: the pipeline's) and region. */
    public ListingWithdrawal withdraw(String executionArn, DecommissionPlan.ChildTarget place) {
        boolean removed = place.accountId() == null
                ? registries.inPipeline(place.region(), r -> RegistryCleanup.withdraw(r, place.imageId(), executionArn))
                : registries.inAccount(place.accountId(), place.region(), CrossAccountRole.sessionName(executionArn),
                        r -> RegistryCleanup.withdraw(r, place.imageId(), executionArn));
        return new ListingWithdrawal(place.accountId(), place.region(), place.imageId(), removed);
    }

    /** Sends the notice of what the revocation did and what failed, and returns it. */
    public RevocationNotice notify(String executionArn, RevocationPlan plan, RevocationNotice.Steps steps) {
        RevocationNotice notice = RevocationNotice.of(executionArn, plan, steps);
        notifier.notify(notice.subject(), notice.message());
        return notice;
    }
}
