package io.gilder.domain;

import io.gilder.error.DistributionIncompleteException;
import io.gilder.port.EvidenceStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Records what a distribution run put where in the evidence store, merged into what earlier runs
 * recorded, then fails the run naming its failed targets, if any (after recording, so decommission
 * can still undo what succeeded).
 */
public final class DistributionRecorder {

    /** Turns manifests into stored bytes and back. */
    public interface Codec {
        String CONTENT_TYPE = "application/json";

        byte[] write(DistributionManifest manifest);

        /** @throws IllegalStateException when {@code body} is not a manifest */
        DistributionManifest read(byte[] body);
    }

    private final EvidenceStore store;
    private final Codec codec;
    private final Clock clock;

    public DistributionRecorder(EvidenceStore store, Codec codec, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * @param outcomes       every target of the run, failed ones with their reason; only the others are recorded
     * @param serviceCatalog Service Catalog ids of the run, or null
     * @return the manifest as stored
     * @throws DistributionIncompleteException after recording, when any target failed
     */
    public DistributionManifest record(String executionArn, DistributionImage image, List<RegionCopy> copies,
            List<TargetOutcome> outcomes, Map<String, String> serviceCatalog) {
        List<DistributionTarget> published = outcomes.stream().filter(o -> !o.failed()).map(TargetOutcome::target).toList();
        DistributionManifest run = DistributionManifest.of(image, copies, published, serviceCatalog, executionArn,
                clock.instant().toString());
        DistributionManifest merged = store.get(run.key()).map(codec::read).map(old -> old.mergedWith(run)).orElse(run);
        store.put(run.key(), Codec.CONTENT_TYPE, codec.write(merged));
        FailedTargets.describe(outcomes).ifPresent(message -> {
            throw new DistributionIncompleteException(message);
        });
        return merged;
    }
}
