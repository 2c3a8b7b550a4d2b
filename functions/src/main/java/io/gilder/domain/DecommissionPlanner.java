package io.gilder.domain;

import io.gilder.error.NothingToDecommissionException;
import io.gilder.port.DistributionManifests;
import io.gilder.port.ParameterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * First step of a decommission: reads the version's {@link DistributionManifest} (exactly what
 * record-distribution wrote) and turns it into the plan the workflow executes, refusing before anything is
 * removed when the Service Catalog product cannot go. Without a manifest (a build never distributed, or a
 * manifest lost), or with one already marked decommissioned (everything it lists is gone), the plan falls back to the
 * pipeline parameter, and to the Service Catalog product and
 * version found by name. Reads only.
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
     * @throws NothingToDecommissionException                    neither a manifest (not yet marked decommissioned) nor the
     *                                                           parameter names an image
     * @throws io.gilder.error.ProductStillAssociatedException   the product would be deleted but is still in portfolios
     */
    public DecommissionPlan plan(Object raw) {
        DecommissionRequest request = DecommissionRequestParser.parse(raw);
        Optional<DistributionManifest> recorded = manifests.read(request.manifestKey());
        // A manifest marked decommissioned lists what a completed decommission removed: nothing of it is planned again.
        Optional<DistributionManifest> manifest = recorded.filter(m -> m.decommissioned() == null);
        String imageId = manifest.map(DistributionManifest::sourceImageId).or(() -> parameters.find(request.parameterName()))
                .orElseThrow(() -> nothingToDecommission(request, recorded));
        DecommissionPlan.CatalogEntry entry = manifest.map(DistributionManifest::serviceCatalog).map(DecommissionPlanner::entry)
                .or(() -> catalog.find(request.productName(), request.buildVersion()))
                .map(e -> catalog.check(request.productName(), e)).orElse(null);
        String parameterName = manifest.map(DistributionManifest::parameterName).orElse(request.parameterName());
        String sourceRegion = manifest.map(DistributionManifest::sourceRegion).orElse(pipelineRegion);
        String templateKey = manifest.map(DistributionManifest::serviceCatalog).map(CatalogVersion::templateKey)
                .orElse(request.templateKey());
        List<DecommissionPlan.RegionalCopy> regions = manifest.map(m -> m.regionalCopies().stream()
                .map(c -> new DecommissionPlan.RegionalCopy(c.region(), c.imageId())).toList()).orElse(List.of());
        List<DecommissionPlan.ChildTarget> accounts = manifest.map(DecommissionPlanner::childTargets).orElse(List.of());
        return new DecommissionPlan(request.productName(), request.product(), request.os(), request.buildVersion(), imageId,
                parameterName, sourceRegion, regions, accounts, entry, templateKey, request.manifestKey(), request.force());
    }

    /**
     * Each account and region the manifest lists, with the image its parameter and list should hold: the region's
     * current copy (the source image in the source region), plus one entry per superseded copy of that region, which an
     * earlier run may have published there. Removing an entry that does not hold the id changes nothing.
     */
    static List<DecommissionPlan.ChildTarget> childTargets(DistributionManifest manifest) {
        List<DecommissionPlan.ChildTarget> targets = new ArrayList<>();
        manifest.accounts().forEach((account, regions) -> regions.forEach(region -> {
            targets.add(new DecommissionPlan.ChildTarget(account, region,
                    manifest.regions().getOrDefault(region, manifest.sourceImageId())));
            manifest.supersededCopies().stream().filter(c -> c.region().equals(region))
                    .forEach(c -> targets.add(new DecommissionPlan.ChildTarget(account, region, c.imageId())));
        }));
        return targets.stream().distinct().sorted(Comparator.comparing(DecommissionPlan.ChildTarget::accountId)
                .thenComparing(DecommissionPlan.ChildTarget::region).thenComparing(DecommissionPlan.ChildTarget::imageId)).toList();
    }

    private static DecommissionPlan.CatalogEntry entry(CatalogVersion version) {
        return new DecommissionPlan.CatalogEntry(version.productId(), version.provisioningArtifactId(),
                version.portfolioId() == null ? List.of() : List.of(version.portfolioId()));
    }

    private NothingToDecommissionException nothingToDecommission(DecommissionRequest request, Optional<DistributionManifest> recorded) {
        String where = manifests.describe(request.manifestKey());
        String record = recorded.map(DistributionManifest::decommissioned)
                .map(d -> "already decommissioned at " + d.at() + " by " + d.by() + " (as " + where + " records)")
                .orElse("no distribution manifest at " + where + " (already decommissioned?)");
        return new NothingToDecommissionException("Nothing to decommission for " + request.parameterName() + ": " + record
                + ", and no such parameter in the pipeline account");
    }
}
