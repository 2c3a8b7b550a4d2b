package io.gilder.config;

import io.gilder.aws.SfnExecutions;
import io.gilder.build.ImageCatalog;
import io.gilder.build.ScanPolicy;
import io.gilder.instance.InstanceFleet;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.EvidenceStore;
import io.gilder.registry.ParameterRegistry;
import io.gilder.rescan.EvidenceIndex;
import io.gilder.rescan.Executions;
import io.gilder.rescan.GoldenImageListing;
import io.gilder.rescan.ParameterTree;
import io.gilder.rescan.RescanSweep;
import io.gilder.rescan.ScanHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The rescan's services and the ports only it uses. */
@ApplicationScoped
public class RescanAdapters {

    @Produces
    @Singleton
    GoldenImageListing goldenImageListing(ParameterRegistry parameters, ParameterTree tree, ImageCatalog images, DistributionManifests manifests,
            GilderConfig config) {
        return new GoldenImageListing(parameters, tree, images, manifests, config.aws().region());
    }

    @Produces
    @Singleton
    Executions executions(SfnClient sfn) {
        return new SfnExecutions(sfn);
    }

    @Produces
    @Singleton
    RescanSweep rescanSweep(InstanceFleet fleet, Executions executions) {
        return new RescanSweep(fleet, executions, Clock.systemUTC());
    }

    /**
     * The stack's scan policy ({@code MaxAllowedSeverity}, {@code IgnoredFindingIds}), applied to a rescan of an image
     * whose build recorded no decision (the policy it was approved under wins when there is one).
     */
    @Produces
    @Singleton
    ScanPolicy rescanPolicy(GilderConfig config) {
        return new ScanPolicy(config.defaults().maxSeverity(), config.defaults().ignoredFindingIds().orElse(List.of()));
    }

    @Produces
    @Singleton
    ScanHistory scanHistory(EvidenceStore evidence, EvidenceIndex index) {
        return new ScanHistory(evidence, index, Clock.systemUTC());
    }
}
