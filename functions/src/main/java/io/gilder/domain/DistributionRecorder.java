package io.gilder.domain;

import io.gilder.error.DistributionIncompleteException;
import io.gilder.port.DistributionManifests;
import java.time.Clock;
import java.util.List;

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
     * @param outcomes       every target of the run, failed ones with their reason; only the others are recorded
     * @param serviceCatalog the run's Service Catalog version (publish-service-catalog-version's output), or null
     * @return the manifest as stored
     * @throws DistributionIncompleteException after recording, when any target failed
     */
    public DistributionManifest record(String executionArn, DistributionImage image, List<RegionCopy> copies,
            List<TargetOutcome> outcomes, CatalogVersion serviceCatalog) {
        List<DistributionTarget> published = outcomes.stream().filter(o -> !o.failed()).map(TargetOutcome::target).toList();
        DistributionManifest run = DistributionManifest.of(image, copies, published, serviceCatalog, executionArn,
                clock.instant().toString());
        DistributionManifest merged = manifests.read(run.key()).map(old -> old.mergedWith(run)).orElse(run);
        manifests.write(merged);
        FailedTargets.describe(outcomes).ifPresent(message -> {
            throw new DistributionIncompleteException(message);
        });
        return merged;
    }
}
