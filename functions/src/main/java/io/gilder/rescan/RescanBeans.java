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

/**
 * The rescan workflow's services, made from settings, and, for native images, the documents it writes to or reads from
 * S3 with Jackson outside the Lambda boundary (the Lambda extension registers the handlers' own input and output types;
 * see ReflectionRegistrationTest).
 */
@ApplicationScoped
@RegisterForReflection(targets = {RescanPointer.class, DeltaDocument.class, WriteRescanReportHandler.Document.class})
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
