package io.gilder.decommission;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Remove Catalog Version": the build's provisioning artifact, or the product when it was the last (idempotent). */
@Named("remove-catalog-version")
public class RemoveCatalogVersionHandler implements RequestHandler<DecommissionPlan, CatalogRemoval> {

    private final CatalogRetirement retirement;

    RemoveCatalogVersionHandler(CatalogRetirement retirement) {
        this.retirement = retirement;
    }

    @Override
    public CatalogRemoval handleRequest(DecommissionPlan plan, Context context) {
        return retirement.retire(plan.productName(), plan.serviceCatalog());
    }
}
