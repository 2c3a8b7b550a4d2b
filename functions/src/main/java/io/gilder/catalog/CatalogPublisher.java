package io.gilder.catalog;

import io.gilder.error.ProductTemplateException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Publishes a golden image as a Service Catalog product version: renders the shared template for the
 * image's parameter, stores the versioned copy, then creates the product {@code <product>-<os>} with this
 * version, or adds the version to the existing product, and associates the product with the configured
 * portfolio. Idempotent: a re-run finds the product and the version by name and changes nothing; a retry
 * of a create whose answer was lost gets the same product back through the idempotency token.
 *
 * <p>Two executions creating the same new product at the very same time could both create it (Service
 * Catalog has no unique product names); distributions of one product are not expected to race.
 */
public final class CatalogPublisher {

    private final TemplateStore templates;
    private final ProductCatalog catalog;
    private final String templateKey;
    private final String owner;
    private final Optional<String> portfolioId;

    /**
     * @param templateKey key of the shared template (with the placeholder) in the template store
     * @param owner       the products' owner as Service Catalog shows it
     * @param portfolioId portfolio to associate new and existing products with, if any
     */
    public CatalogPublisher(TemplateStore templates, ProductCatalog catalog, String templateKey, String owner,
            Optional<String> portfolioId) {
        this.templates = templates;
        this.catalog = catalog;
        this.templateKey = templateKey;
        this.owner = owner;
        this.portfolioId = portfolioId;
    }

    /** @throws ProductTemplateException the shared template is missing or has no placeholder */
    public CatalogVersion publish(String executionArn, DistributionImage image) {
        String template = templates.read(templateKey).orElseThrow(() -> new ProductTemplateException(
                "No product template at " + templates.describe(templateKey) + "; upload one (see catalog/product-template.yaml)"));
        String rendered;
        try {
            rendered = ProductTemplate.render(template, image.parameterName());
        } catch (IllegalArgumentException e) {
            throw new ProductTemplateException(templates.describe(templateKey) + ": " + e.getMessage());
        }
        String versionKey = ProductTemplate.versionKey(image.os(), image.product(), image.buildVersion());
        String url = templates.write(versionKey, rendered);

        String name = ProductTemplate.productName(image.product(), image.os());
        String version = image.buildVersion();
        String token = idempotencyToken(executionArn, name, version);
        Optional<String> existing = catalog.findProduct(name);
        String productId;
        String artifactId;
        if (existing.isEmpty()) {
            ProductCatalog.CreatedProduct created = catalog.createProduct(name, owner, version, url, token);
            productId = created.productId();
            artifactId = created.artifactId();
        } else {
            productId = existing.get();
            artifactId = catalog.artifacts(productId).stream().filter(a -> version.equals(a.name()))
                    .map(ProductCatalog.Artifact::id).findFirst()
                    .orElseGet(() -> catalog.addArtifact(productId, version, url, token));
        }
        portfolioId.filter(p -> !catalog.portfolios(productId).contains(p)).ifPresent(p -> catalog.associate(productId, p));
        return new CatalogVersion(productId, artifactId, versionKey, portfolioId.orElse(null));
    }

    /** Same execution, product and version give the same token (letters and digits, as Service Catalog allows). */
    public static String idempotencyToken(String executionArn, String productName, String version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (executionArn + "\n" + productName + "\n" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
