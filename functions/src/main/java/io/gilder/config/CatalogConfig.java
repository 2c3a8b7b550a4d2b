package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Settings of Service Catalog publishing and of decommissioning, e.g. {@code GILDER_CATALOG_PORTFOLIO_ID}.
 * Kept apart from {@link GilderConfig} so the distribution workflow's settings can grow without
 * touching the build's. The cross-account role (name, ExternalId) is {@link DistributionConfig}'s: one
 * setting for every workflow that reaches child accounts.
 */
@ConfigMapping(prefix = "gilder.catalog")
public interface CatalogConfig {

    /** Bucket of product templates; unset = the evidence bucket ({@code gilder.storage.evidence-bucket}). */
    Optional<String> templateBucket();

    /** Key of the shared product template, whose {@code AMI_ID_TO_REPLACE} becomes the image's parameter path. */
    @WithDefault("catalog/product-template.yaml")
    String templateKey();

    /** Portfolio that every published product is associated with; unset = none (associate by hand). */
    Optional<String> portfolioId();

    /** Owner shown on created products. */
    @WithDefault("Cloud Center of Excellence")
    String productOwner();

    /**
     * Whether decommissioning may disassociate a product from its portfolios to delete it (when its last
     * version goes). Off: decommission refuses, naming the portfolios.
     */
    @WithDefault("false")
    boolean allowDisassociate();
}
