package io.gilder.decommission;

import io.gilder.catalog.ProductTemplate;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.NamedVersion;

/**
 * What to retire: one build of a product on an OS, as the decommission execution input names it.
 *
 * @param force         remove the image even while instances still run from it
 * @param parameterName the build's {@code /GoldenAMI/<os>/<product>/<version>} parameter
 */
public record DecommissionRequest(NamedVersion product, NamedVersion os, String buildVersion, boolean force, String parameterName) {

    /** Key of the version's {@link DistributionManifest}. */
    public String manifestKey() {
        return DistributionManifest.key(os.id(), product.id(), buildVersion);
    }

    /** Key of the build's rendered Service Catalog template. */
    public String templateKey() {
        return ProductTemplate.versionKey(os.id(), product.id(), buildVersion);
    }

    /** The Service Catalog product of this product and OS. */
    public String productName() {
        return ProductTemplate.productName(product.id(), os.id());
    }
}
