package io.gilder.decommission;

import java.util.List;

/**
 * What removing a build's Service Catalog version did.
 *
 * @param removed                  {@code version} (the provisioning artifact), {@code product} (it was the last
 *                                 version) or {@code nothing} (already gone, or never published)
 * @param disassociatedPortfolios  portfolios the product was taken out of before its deletion
 */
public record CatalogRemoval(String removed, String productId, String provisioningArtifactId, List<String> disassociatedPortfolios) {

    public static final String VERSION = "version";
    public static final String PRODUCT = "product";
    public static final String NOTHING = "nothing";

    public CatalogRemoval {
        disassociatedPortfolios = List.copyOf(disassociatedPortfolios);
    }
}
