package io.gilder.revocation;

import io.gilder.decommission.DecommissionPlanner;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.Notifier;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImages;
import io.gilder.config.GilderConfig;
import io.gilder.config.RevocationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The revocation and retention services, made from settings. */
@ApplicationScoped
public class RevocationBeans {

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
    VersionRetention versionRetention(VersionParameters versions, DecommissionPlanner footprints, ImageDeprecator deprecator,
            Notifier notifier) {
        return new VersionRetention(versions, footprints, deprecator, notifier);
    }
}
