package io.gilder.config;

import io.gilder.aws.Ec2ImageDeprecation;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.SfnRevocationStarter;
import io.gilder.aws.SsmVersionParameters;
import io.gilder.decommission.DecommissionPlanner;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.Notifier;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImages;
import io.gilder.rescan.RescanRevocations;
import io.gilder.rescan.RevocationStarter;
import io.gilder.revocation.ImageDeprecation;
import io.gilder.revocation.ImageDeprecator;
import io.gilder.revocation.ImageRevocation;
import io.gilder.revocation.RevocationMode;
import io.gilder.revocation.RevocationPlanner;
import io.gilder.revocation.VersionParameters;
import io.gilder.revocation.VersionRetention;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the revocation and retention adapters and services. Where an image is (source, copies, child accounts) comes
 * from decommission's {@link DecommissionPlanner} ({@link CatalogAdapters}); regional clients, registries and manifests
 * from {@link DistributionAdapters}.
 */
@ApplicationScoped
public class RevocationAdapters {

    @Produces
    @ApplicationScoped
    ImageDeprecation imageDeprecation(RegionalAwsClients clients) {
        return new Ec2ImageDeprecation(clients::ec2);
    }

    @Produces
    @ApplicationScoped
    ImageDeprecator imageDeprecator(ImageDeprecation deprecation) {
        return new ImageDeprecator(deprecation, Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    RevocationPlanner revocationPlanner(RegionalImages images, ParameterRegistry parameters, DecommissionPlanner footprints,
            GilderConfig config, RevocationConfig revocation) {
        RevocationMode mode = RevocationMode.of(revocation.mode()).orElseThrow(() -> new IllegalStateException(
                "gilder.revocation.mode (GILDER_REVOCATION_MODE) must be report, deprecate or revoke, not " + revocation.mode()));
        return new RevocationPlanner(images, parameters, footprints, config.aws().region(), mode);
    }

    @Produces
    @ApplicationScoped
    ImageRevocation imageRevocation(RegionalImages images, ImageDeprecator deprecator, GoldenRegistries registries,
            DistributionManifests manifests, Notifier notifier) {
        return new ImageRevocation(images, deprecator, registries, manifests, notifier, Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    VersionParameters versionParameters(SsmClient ssm) {
        return new SsmVersionParameters(ssm);
    }

    @Produces
    @ApplicationScoped
    VersionRetention versionRetention(VersionParameters versions, DecommissionPlanner footprints, ImageDeprecator deprecator,
            Notifier notifier) {
        return new VersionRetention(versions, footprints, deprecator, notifier);
    }

    @Produces
    @ApplicationScoped
    RevocationStarter revocationStarter(SfnClient sfn, RevocationConfig revocation) {
        return new SfnRevocationStarter(sfn, revocation.stateMachineArn().orElseThrow(() -> new IllegalStateException(
                "gilder.revocation.state-machine-arn (GILDER_REVOCATION_STATE_MACHINE_ARN) is not set")));
    }

    @Produces
    @ApplicationScoped
    RescanRevocations rescanRevocations(RevocationStarter starter) {
        return new RescanRevocations(starter);
    }
}
