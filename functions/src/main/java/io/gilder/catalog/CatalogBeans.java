package io.gilder.catalog;

import io.gilder.config.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The Service Catalog publisher, made from settings. */
@ApplicationScoped
public class CatalogBeans {

    @Produces
    @ApplicationScoped
    CatalogPublisher catalogPublisher(TemplateStore templates, ProductCatalog catalog, CatalogConfig config) {
        return new CatalogPublisher(templates, catalog, config.templateKey(), config.productOwner(), config.portfolioId());
    }
}
