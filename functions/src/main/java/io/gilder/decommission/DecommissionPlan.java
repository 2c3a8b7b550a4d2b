package io.gilder.decommission;

import io.gilder.registry.NamedVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a decommission removes, as the state machine carries it ({@code $.plan}); the Map states
 * iterate {@code regions} and {@code accounts}.
 *
 * @param imageId        the image in the source region (the pipeline's own)
 * @param parameterName  {@code /GoldenAMI/<os>/<product>/<version>}, the same name in every account and region
 * @param sourceRegion   where the image was built (the pipeline's region)
 * @param regions        the copies in other regions of the pipeline account
 * @param accounts       each child account and region holding the parameter, with the id it should hold
 * @param serviceCatalog the product version, or {@code null} when none was published
 * @param templateKey    the build's rendered Service Catalog template
 * @param manifestKey    the distribution record (may not exist)
 * @param force          remove even while instances use the image
 */
public record DecommissionPlan(String productName, NamedVersion product, NamedVersion os, String buildVersion,
        String imageId, String parameterName, String sourceRegion, List<RegionalCopy> regions, List<ChildTarget> accounts,
        CatalogEntry serviceCatalog, String templateKey, String manifestKey, boolean force) {

    public DecommissionPlan {
        regions = regions == null ? List.of() : List.copyOf(regions);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A copy of the image in another region of the pipeline account. */
    public record RegionalCopy(String region, String imageId) {}

    /** A child account and region whose parameter and active list name {@code imageId}. */
    public record ChildTarget(String accountId, String region, String imageId) {}

    /**
     * A product version in Service Catalog.
     *
     * @param portfolioIds the product's portfolios when the plan was made
     */
    public record CatalogEntry(String productId, String provisioningArtifactId, List<String> portfolioIds) {
        public CatalogEntry {
            portfolioIds = portfolioIds == null ? List.of() : List.copyOf(portfolioIds);
        }
    }

    /** Every place the image (or a copy) lives and may run: {@code accountId} null means the pipeline account. */
    public List<ChildTarget> places() {
        List<ChildTarget> places = new ArrayList<>();
        places.add(new ChildTarget(null, sourceRegion, imageId));
        regions.forEach(copy -> places.add(new ChildTarget(null, copy.region(), copy.imageId())));
        places.addAll(accounts);
        return places;
    }
}
