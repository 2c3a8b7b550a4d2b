package io.gilder.decommission;

import io.gilder.catalog.ProductCatalog;
import io.gilder.error.ProductStillAssociatedException;
import java.util.List;
import java.util.Optional;

/**
 * Removes a build's version from Service Catalog: only the provisioning artifact while the product has
 * other versions, the whole product when this is its last one (Service Catalog refuses to delete a
 * product's last version). A product to delete that is still in portfolios is refused, naming them, unless
 * disassociating is allowed; then it leaves the portfolios first. Removing one version of a product that
 * keeps others needs no disassociation: the portfolios keep offering the remaining versions.
 */
public final class CatalogRetirement {

    private final ProductCatalog catalog;
    private final boolean allowDisassociate;

    public CatalogRetirement(ProductCatalog catalog, boolean allowDisassociate) {
        this.catalog = catalog;
        this.allowDisassociate = allowDisassociate;
    }

    /** The product {@code productName}'s version named {@code buildVersion}, found by name (no record of it). */
    public Optional<DecommissionPlan.CatalogEntry> find(String productName, String buildVersion) {
        return catalog.findProduct(productName).map(productId -> new DecommissionPlan.CatalogEntry(productId,
                catalog.artifacts(productId).stream().filter(a -> buildVersion.equals(a.name()))
                        .map(ProductCatalog.Artifact::id).findFirst().orElse(null), List.of()));
    }

    /**
     * Checks, before anything is removed, that the retirement can go through.
     *
     * @return the entry with the product's current portfolios
     * @throws ProductStillAssociatedException the product would be deleted but is in portfolios, and disassociating is not allowed
     */
    public DecommissionPlan.CatalogEntry check(String productName, DecommissionPlan.CatalogEntry entry) {
        List<String> portfolios = catalog.portfolios(entry.productId());
        if (deletesProduct(entry) && !portfolios.isEmpty() && !allowDisassociate) {
            throw new ProductStillAssociatedException("Service Catalog product " + productName + " (" + entry.productId()
                    + ") would be deleted with its last version " + entry.provisioningArtifactId()
                    + " but is still associated with portfolio(s) " + String.join(", ", portfolios)
                    + ": disassociate it from them, or allow Gilder to (gilder.catalog.allow-disassociate=true), then re-run");
        }
        return new DecommissionPlan.CatalogEntry(entry.productId(), entry.provisioningArtifactId(), portfolios);
    }

    /** Removes the version (or the product); idempotent: what is gone is skipped. */
    public CatalogRemoval retire(String productName, DecommissionPlan.CatalogEntry entry) {
        if (entry == null || entry.productId() == null) {
            return new CatalogRemoval(CatalogRemoval.NOTHING, null, null, List.of());
        }
        List<ProductCatalog.Artifact> artifacts = catalog.artifacts(entry.productId());
        boolean listed = artifacts.stream().anyMatch(a -> a.id().equals(entry.provisioningArtifactId()));
        if (!listed) {
            return new CatalogRemoval(CatalogRemoval.NOTHING, entry.productId(), entry.provisioningArtifactId(), List.of());
        }
        if (artifacts.size() > 1) {
            catalog.deleteArtifact(entry.productId(), entry.provisioningArtifactId());
            return new CatalogRemoval(CatalogRemoval.VERSION, entry.productId(), entry.provisioningArtifactId(), List.of());
        }
        List<String> portfolios = check(productName, entry).portfolioIds();
        portfolios.forEach(portfolio -> catalog.disassociate(entry.productId(), portfolio));
        catalog.deleteProduct(entry.productId());
        return new CatalogRemoval(CatalogRemoval.PRODUCT, entry.productId(), entry.provisioningArtifactId(), portfolios);
    }

    /** Whether retiring the entry deletes its product: the version is listed and is the only one. */
    private boolean deletesProduct(DecommissionPlan.CatalogEntry entry) {
        List<ProductCatalog.Artifact> artifacts = catalog.artifacts(entry.productId());
        return artifacts.size() == 1 && artifacts.get(0).id().equals(entry.provisioningArtifactId());
    }
}
