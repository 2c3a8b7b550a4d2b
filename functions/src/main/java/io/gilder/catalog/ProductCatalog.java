package io.gilder.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Service Catalog products and their versions (provisioning artifacts), as an administrator sees them.
 * Every method throws {@link io.gilder.error.GilderException} when a call fails (retryable for throttling
 * and outages, terminal otherwise); "not found" is an answer, never an error.
 */
public interface ProductCatalog {

    /** A product version: its id and its name (Gilder names versions after the build version). */
    record Artifact(String id, String name) {}

    /** A product with its first version. */
    record CreatedProduct(String productId, String artifactId) {}

    /** @return the id of the product named exactly {@code name}, or empty when there is none */
    Optional<String> findProduct(String name);

    /**
     * Creates a CloudFormation product with one version whose template is at {@code templateUrl}.
     *
     * @param idempotencyToken the same token returns the same product when a retry repeats the call
     */
    CreatedProduct createProduct(String name, String owner, String artifactName, String templateUrl, String idempotencyToken);

    /** @return the product's versions; empty when the product does not exist (any more) */
    List<Artifact> artifacts(String productId);

    /** Adds a version; the same {@code idempotencyToken} returns the same version on a retry. @return its id */
    String addArtifact(String productId, String artifactName, String templateUrl, String idempotencyToken);

    /** @return true when the version was deleted now, false when it (or its product) was already gone */
    boolean deleteArtifact(String productId, String artifactId);

    /** @return ids of the portfolios the product is associated with; empty when the product is gone */
    List<String> portfolios(String productId);

    /** Associates the product with the portfolio; associating it again changes nothing. */
    void associate(String productId, String portfolioId);

    /** Ends the association; one already ended (or a product already gone) is fine. */
    void disassociate(String productId, String portfolioId);

    /** @return true when the product was deleted now, false when it was already gone */
    boolean deleteProduct(String productId);
}
