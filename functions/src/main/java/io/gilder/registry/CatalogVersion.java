package io.gilder.registry;

/**
 * A golden image's version in Service Catalog.
 *
 * @param productId              the product {@code <product>-<os>}
 * @param provisioningArtifactId the version, named after the build version
 * @param templateKey            key of the rendered template in the templates bucket
 * @param portfolioId            the portfolio the product was associated with, or {@code null} when none is configured
 */
public record CatalogVersion(String productId, String provisioningArtifactId, String templateKey, String portfolioId) {}
