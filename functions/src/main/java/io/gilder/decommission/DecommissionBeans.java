package io.gilder.decommission;

import io.gilder.catalog.ProductCatalog;
import io.gilder.catalog.TemplateStore;
import io.gilder.distribution.RegionalCopies;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImages;
import io.gilder.config.CatalogConfig;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The decommission workflow's services, made from settings. */
@ApplicationScoped
public class DecommissionBeans {

    @Produces
    @ApplicationScoped
    CatalogRetirement catalogRetirement(ProductCatalog catalog, CatalogConfig config) {
        return new CatalogRetirement(catalog, config.allowDisassociate());
    }

    @Produces
    @ApplicationScoped
    DecommissionPlanner decommissionPlanner(DistributionManifests manifests, ParameterRegistry parameters,
            CatalogRetirement retirement, GilderConfig config, RegionalImages images) {
        return new DecommissionPlanner(manifests, parameters, retirement, config.aws().region(),
                (source, region) -> RegionalCopies.find(images, config.aws().region(), source, region));
    }

    @Produces
    @ApplicationScoped
    ImageUsageCheck imageUsageCheck(ImageUsage usage) {
        return new ImageUsageCheck(usage);
    }

    @Produces
    @ApplicationScoped
    ImageDecommission imageDecommission(GoldenRegistries registries, RegionalImages images, TemplateStore templates,
            DistributionManifests manifests, io.gilder.encryption.EncryptionPolicy encryption,
            io.gilder.encryption.EncryptionKeys keys) {
        return new ImageDecommission(registries, images, templates, manifests, Clock.systemUTC(), encryption, keys);
    }
}
