package io.gilder.catalog;

import io.gilder.registry.CatalogVersion;
import io.gilder.config.CatalogConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The Service Catalog publisher, made from settings, and its Lambda boundary types for native images (see {@code BuildBeans}). */
@ApplicationScoped
@RegisterForReflection(targets = {PublishServiceCatalogVersionHandler.Input.class, CatalogVersion.class})
public class CatalogBeans {

    @Produces
    @ApplicationScoped
    CatalogPublisher catalogPublisher(TemplateStore templates, ProductCatalog catalog, CatalogConfig config) {
        return new CatalogPublisher(templates, catalog, config.templateKey(), config.productOwner(), config.portfolioId());
    }
}
