package io.gilder.config;

import io.gilder.aws.ChildAccountClients;
import io.gilder.aws.Ec2ImageUsage;
import io.gilder.aws.S3TemplateStore;
import io.gilder.aws.ServiceCatalogProducts;
import io.gilder.catalog.CatalogPublisher;
import io.gilder.catalog.ProductCatalog;
import io.gilder.catalog.TemplateStore;
import io.gilder.decommission.CatalogRetirement;
import io.gilder.decommission.DecommissionPlanner;
import io.gilder.decommission.ImageDecommission;
import io.gilder.decommission.ImageUsage;
import io.gilder.decommission.ImageUsageCheck;
import io.gilder.distribution.RegionalCopies;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;

/**
 * Builds the Service Catalog publishing and decommission adapters and services. The SDK clients, the child
 * account access ({@code ChildAccountClients}), the regional images and registries and the manifests come from
 * {@link DistributionAdapters}, shared with the distribution workflow.
 */
@ApplicationScoped
public class CatalogAdapters {

    @Produces
    @ApplicationScoped
    ProductCatalog productCatalog(ServiceCatalogClient client) {
        return new ServiceCatalogProducts(client);
    }

    @Produces
    @ApplicationScoped
    TemplateStore templateStore(S3Client s3, GilderConfig config, CatalogConfig catalog) {
        return new S3TemplateStore(s3, catalog.templateBucket().or(() -> config.storage().evidenceBucket()).orElse(null));
    }

    @Produces
    @ApplicationScoped
    ImageUsage imageUsage(ChildAccountClients clients) {
        return new Ec2ImageUsage(clients);
    }

    @Produces
    @ApplicationScoped
    CatalogPublisher catalogPublisher(TemplateStore templates, ProductCatalog catalog, CatalogConfig config) {
        return new CatalogPublisher(templates, catalog, config.templateKey(), config.productOwner(), config.portfolioId());
    }

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
            DistributionManifests manifests) {
        return new ImageDecommission(registries, images, templates, manifests, Clock.systemUTC());
    }
}
