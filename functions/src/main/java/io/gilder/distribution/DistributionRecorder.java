package io.gilder.distribution;

import io.gilder.error.DistributionIncompleteException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.RegionCopy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Records what a distribution run put where in the evidence store, merged into what earlier runs
 * recorded, then fails the run naming its failed targets, if any (after recording, so decommission
 * can still undo what succeeded).
 */
public final class DistributionRecorder {

    private final DistributionManifests manifests;
    private final Clock clock;

    public DistributionRecorder(DistributionManifests manifests, Clock clock) {
        this.manifests = manifests;
        this.clock = clock;
    }

    /**
     * Records the targets a run is about to try, before it copies or shares anything, so that decommission finds
     * whatever an interrupted run left behind.
     *
     * @return the manifest as stored
     */
    public DistributionManifest plan(String executionArn, DistributionImage image, List<DistributionTarget> targets) {
        return merge(DistributionManifest.planned(image, targets, executionArn, clock.instant().toString()));
    }

    /**
     * @param outcomes       every target of the run, failed ones with their reason; only the others are recorded
     * @param problems       failures that are not one target's (a region's copy, the Service Catalog version), for people
     * @param serviceCatalog the run's Service Catalog version (publish-service-catalog-version's output), or null
     * @return the manifest as stored
     * @throws DistributionIncompleteException after recording, when any target failed or any problem is given
     */
    public DistributionManifest record(String executionArn, DistributionImage image, List<RegionCopy> copies,
            List<TargetOutcome> outcomes, List<String> problems, CatalogVersion serviceCatalog) {
        List<DistributionTarget> published = outcomes.stream().filter(o -> !o.failed()).map(TargetOutcome::target).toList();
        DistributionManifest merged = merge(DistributionManifest.of(image, copies, published, serviceCatalog, executionArn,
                clock.instant().toString()));
        FailedTargets.describe(outcomes, problems).ifPresent(message -> {
            throw new DistributionIncompleteException(message);
        });
        return merged;
    }

    private DistributionManifest merge(DistributionManifest run) {
        return manifests.update(run.key(), stored -> Optional.of(stored.map(old -> old.mergedWith(run)).orElse(run))).orElseThrow();
    }
}
