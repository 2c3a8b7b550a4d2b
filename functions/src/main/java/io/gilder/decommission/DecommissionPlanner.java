package io.gilder.decommission;

import io.gilder.error.NothingToDecommissionException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.ParameterRegistry;
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

    /** Finds the copy of a golden image in a region by its {@code gilder:source-image} tag (owner self). */
    @FunctionalInterface
    public interface CopyLookup {
        Optional<String> copyOf(String sourceImageId, String region);
    }

    private final DistributionManifests manifests;
    private final ParameterRegistry parameters;
    private final CatalogRetirement catalog;
    private final String pipelineRegion;
    private final CopyLookup copies;

    public DecommissionPlanner(DistributionManifests manifests, ParameterRegistry parameters, CatalogRetirement catalog,
            String pipelineRegion, CopyLookup copies) {
        this.manifests = manifests;
        this.copies = copies;
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
        String templateKey = manifest.map(DistributionManifest::serviceCatalog).map(CatalogVersion::templateKey)
                .orElse(request.templateKey());
        ImageFootprint footprint = footprint(request, manifest, imageId);
        return new DecommissionPlan(request.productName(), request.product(), request.os(), request.buildVersion(), imageId,
                footprint.parameterName(), footprint.sourceRegion(), footprint.regions(), footprint.accounts(), entry, templateKey,
                request.manifestKey(), request.force());
    }

    /**
     * Where a registered version's image is (shared with revocation and retention): the source image, every copy and every
     * child account and region, exactly as a decommission would plan them. Reads only.
     *
     * @return empty when neither a manifest (not yet marked decommissioned) nor the pipeline parameter names an image
     */
    public Optional<ImageFootprint> footprint(DecommissionRequest request) {
        Optional<DistributionManifest> manifest = manifests.read(request.manifestKey()).filter(m -> m.decommissioned() == null);
        return manifest.map(DistributionManifest::sourceImageId).or(() -> parameters.find(request.parameterName()))
                .map(imageId -> footprint(request, manifest, imageId));
    }

    private ImageFootprint footprint(DecommissionRequest request, Optional<DistributionManifest> manifest, String imageId) {
        String parameterName = manifest.map(DistributionManifest::parameterName).orElse(request.parameterName());
        String sourceRegion = manifest.map(DistributionManifest::sourceRegion).orElse(pipelineRegion);
        List<DistributionManifest.Copy> known = manifest.map(this::everyCopy).orElse(List.of());
        List<DecommissionPlan.RegionalCopy> regions = known.stream()
                .map(c -> new DecommissionPlan.RegionalCopy(c.region(), c.imageId())).toList();
        List<DecommissionPlan.ChildTarget> accounts = manifest.map(m -> childTargets(m, known)).orElse(List.of());
        return new ImageFootprint(imageId, parameterName, sourceRegion, regions, accounts, manifest.isPresent());
    }

    /**
     * Every copy outside the source region the manifest records, plus, in each region a run planned but recorded no copy
     * for (it was interrupted after copying), the copy found there by its tag.
     */
    private List<DistributionManifest.Copy> everyCopy(DistributionManifest manifest) {
        List<DistributionManifest.Copy> all = new ArrayList<>(manifest.regionalCopies());
        manifest.everyRegion().stream()
                .filter(region -> !region.equals(manifest.sourceRegion()) && !manifest.regions().containsKey(region))
                .forEach(region -> copies.copyOf(manifest.sourceImageId(), region)
                        .ifPresent(id -> all.add(new DistributionManifest.Copy(region, id))));
        return all.stream().distinct().sorted(Comparator.comparing(DistributionManifest.Copy::region)
                .thenComparing(DistributionManifest.Copy::imageId)).toList();
    }

    /**
     * Each account and region the manifest lists as reached or planned, with every image its parameter and list may
     * hold: the source image in the source region, elsewhere each copy known there (current, superseded or found by tag),
     * which some run may have published. A target in a region that never had a copy gets none: nothing can have been
     * published there. Removing an entry that does not hold the id changes nothing.
     */
    static List<DecommissionPlan.ChildTarget> childTargets(DistributionManifest manifest, List<DistributionManifest.Copy> copies) {
        List<DecommissionPlan.ChildTarget> targets = new ArrayList<>();
        for (DistributionTarget target : manifest.everyTarget()) {
            if (target.region().equals(manifest.sourceRegion())) {
                targets.add(new DecommissionPlan.ChildTarget(target.accountId(), target.region(), manifest.sourceImageId()));
            }
            copies.stream().filter(c -> c.region().equals(target.region()))
                    .forEach(c -> targets.add(new DecommissionPlan.ChildTarget(target.accountId(), target.region(), c.imageId())));
        }
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
