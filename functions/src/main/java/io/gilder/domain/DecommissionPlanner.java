package io.gilder.domain;

import io.gilder.error.NothingToDecommissionException;
import io.gilder.port.DistributionManifests;
import io.gilder.port.ParameterRegistry;
import java.util.List;
import java.util.Optional;

/**
 * First step of a decommission: reads what the distribution recorded and turns it into the plan the
 * workflow executes, refusing before anything is removed when the Service Catalog product cannot go.
 * Without a record (a build never distributed, or a record lost) the plan falls back to the pipeline
 * parameter, and to the Service Catalog product and version found by name. Reads only.
 */
public final class DecommissionPlanner {

    private final DistributionManifests manifests;
    private final ParameterRegistry parameters;
    private final CatalogRetirement catalog;
    private final String pipelineRegion;

    public DecommissionPlanner(DistributionManifests manifests, ParameterRegistry parameters, CatalogRetirement catalog,
            String pipelineRegion) {
        this.manifests = manifests;
        this.parameters = parameters;
        this.catalog = catalog;
        this.pipelineRegion = pipelineRegion;
    }

    /**
     * @param raw the execution input as decoded JSON
     * @throws io.gilder.error.InvalidRequestException           a field is bad (each one named)
     * @throws NothingToDecommissionException                    neither a record nor the parameter names an image
     * @throws io.gilder.error.ProductStillAssociatedException   the product would be deleted but is still in portfolios
     */
    public DecommissionPlan plan(Object raw) {
        DecommissionRequest request = DecommissionRequestParser.parse(raw);
        DistributionRecord record = manifests.read(request.manifestKey()).map(DistributionRecord::read)
                .orElseGet(() -> DistributionRecord.read(null));
        String imageId = Optional.ofNullable(record.imageId()).or(() -> parameters.find(request.parameterName()))
                .orElseThrow(() -> new NothingToDecommissionException("Nothing to decommission for " + request.parameterName()
                        + ": no distribution record at " + manifests.describe(request.manifestKey())
                        + " and no such parameter in the pipeline account (already decommissioned?)"));
        DecommissionPlan.CatalogEntry entry = Optional.ofNullable(record.serviceCatalog())
                .or(() -> catalog.find(request.productName(), request.buildVersion()))
                .map(e -> catalog.check(request.productName(), e)).orElse(null);
        String parameterName = Optional.ofNullable(record.parameterName()).orElse(request.parameterName());
        String sourceRegion = Optional.ofNullable(record.sourceRegion()).orElse(pipelineRegion);
        List<DecommissionPlan.RegionalCopy> regions = record.regions().stream()
                .filter(copy -> !copy.region().equals(sourceRegion)).toList();
        return new DecommissionPlan(request.productName(), request.product(), request.os(), request.buildVersion(), imageId,
                parameterName, sourceRegion, regions, record.accounts(), entry, request.templateKey(), request.manifestKey(),
                request.force());
    }
}
