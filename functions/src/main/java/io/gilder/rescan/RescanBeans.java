package io.gilder.rescan;

import io.gilder.build.ImageCatalog;
import io.gilder.build.ScanPolicy;
import io.gilder.instance.InstanceFleet;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.EvidenceStore;
import io.gilder.registry.ParameterRegistry;
import io.gilder.config.GilderConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** The rescan workflow's services, made from settings, and its Lambda boundary types for native images (see {@code BuildBeans}). */
@ApplicationScoped
@RegisterForReflection(targets = {ListActiveGoldenImagesHandler.Input.class, ListActiveGoldenImagesHandler.Output.class,
        RescanListing.Item.class, RescanListing.Missing.class, RescanListing.Copy.class,
        SweepRescanInstancesHandler.Input.class, SweepRescanInstancesHandler.Output.class,
        CompareWithLastScanHandler.Input.class, CompareWithLastScanHandler.Subject.class, RescanImageResult.class,
        RescanImageResult.Added.class, RescanImageResult.Resolved.class, RescanImageResult.Policy.class,
        RescanImageResult.Evidence.class, WriteRescanReportHandler.Input.class, WriteRescanReportHandler.Output.class,
        WriteRescanReportHandler.Document.class, NotifyRescanSummaryHandler.Input.class, NotifyRescanSummaryHandler.Output.class,
        RescanImageResult.Revocation.class, RecordRescanFailureHandler.Input.class, RecordRescanFailureHandler.Image.class,
        RecordRescanFailureHandler.Failure.class, RescanPointer.class, DeltaDocument.class, RequestRevocationHandler.Output.class})
public class RescanBeans {

    @Produces
    @Singleton
    GoldenImageListing goldenImageListing(ParameterRegistry parameters, ParameterTree tree, ImageCatalog images,
            DistributionManifests manifests, GilderConfig config) {
        return new GoldenImageListing(parameters, tree, images, manifests, config.aws().region());
    }

    @Produces
    @Singleton
    RescanSweep rescanSweep(InstanceFleet fleet, Executions executions) {
        return new RescanSweep(fleet, executions, Clock.systemUTC());
    }

    /**
     * The stack's scan policy ({@code MaxAllowedSeverity}, the {@code FindingExceptions} in force when the function
     * starts), applied to a rescan of an image whose build recorded no decision (the policy it was approved under wins
     * when there is one).
     */
    @Produces
    @Singleton
    ScanPolicy rescanPolicy(GilderConfig config) {
        return ScanPolicy.ofStack(config.defaults().maxSeverity(),
                io.gilder.build.FindingException.parseAll(config.defaults().findingExceptions().orElse("")),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    @Produces
    @Singleton
    ScanHistory scanHistory(EvidenceStore evidence, EvidenceIndex index) {
        return new ScanHistory(evidence, index, Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    RescanRevocations rescanRevocations(RevocationStarter starter) {
        return new RescanRevocations(starter);
    }
}
