package io.gilder.decommission;

import io.gilder.catalog.FakeProductCatalog;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.NothingToDecommissionException;
import io.gilder.error.ProductStillAssociatedException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.FakeDistributionManifests;
import io.gilder.registry.RegionCopy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecommissionPlannerTest {

    static final String KEY = "distributions/AmazonLinux-2023/WebServer-1.2/3.json";
    static final String PARAMETER = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3";
    static final Map<String, Object> REQUEST = Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023",
            "buildVersion", "3");

    static final DistributionImage IMAGE = new DistributionImage("ami-0source", "gilder/AmazonLinux-2023/WebServer-1.2/3", PARAMETER,
            "us-east-1", "WebServer-1.2", "AmazonLinux-2023", "3");

    final FakeDistributionManifests store = FakeDistributionManifests.readOnly();
    final Map<String, String> parameters = new HashMap<>();
    final Map<String, String> copiesFoundByTag = new HashMap<>();
    final FakeProductCatalog catalog = new FakeProductCatalog();

    DecommissionPlanner planner(boolean allowDisassociate) {
        return new DecommissionPlanner(store, name -> Optional.ofNullable(parameters.get(name)),
                new CatalogRetirement(catalog, allowDisassociate), "us-east-1",
                (source, region) -> Optional.ofNullable(copiesFoundByTag.get(region)));
    }

    @Test
    void aRunInterruptedAfterPlanningStillHasItsCopiesAndTargetsInThePlan() {
        DistributionManifest planned = DistributionManifest.planned(IMAGE, List.of(new DistributionTarget("111111111111", "us-east-1"),
                new DistributionTarget("111111111111", "eu-west-1"), new DistributionTarget("222222222222", "ap-south-1")),
                "arn:exec:1", "t1");
        store.byKey.put(KEY, planned);
        copiesFoundByTag.put("eu-west-1", "ami-0eu-untracked");

        DecommissionPlan plan = planner(false).plan(REQUEST);

        assertThat(plan.regions()).as("the copy made before the run stopped; ap-south-1 never got one")
                .containsExactly(new DecommissionPlan.RegionalCopy("eu-west-1", "ami-0eu-untracked"));
        assertThat(plan.accounts()).containsExactly(new DecommissionPlan.ChildTarget("111111111111", "eu-west-1", "ami-0eu-untracked"),
                new DecommissionPlan.ChildTarget("111111111111", "us-east-1", IMAGE.imageId()));
    }

    @Test
    void thePlanListsCopiesAndChildTargetsFromTheManifest() {
        String product = catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("2", "3"), List.of("port-a"));
        DistributionManifest manifest = DistributionManifest.of(IMAGE, List.of(new RegionCopy("us-east-1", "ami-0source", false),
                new RegionCopy("eu-west-1", "ami-0eu", true), new RegionCopy("us-west-2", "ami-0usw", true)),
                List.of(new DistributionTarget("222222222222", "us-west-2"), new DistributionTarget("111111111111", "us-east-1"),
                        new DistributionTarget("111111111111", "eu-west-1")),
                new CatalogVersion(product, "pa-" + product + "-3", "templates/custom/product.yaml", null), "arn:exec:1", "t1");
        store.byKey.put(KEY, manifest);

        DecommissionPlan plan = planner(false).plan(Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "3", "force", true));

        assertThat(plan.imageId()).isEqualTo("ami-0source");
        assertThat(plan.parameterName()).isEqualTo(PARAMETER);
        assertThat(plan.regions()).containsExactly(new DecommissionPlan.RegionalCopy("eu-west-1", "ami-0eu"),
                new DecommissionPlan.RegionalCopy("us-west-2", "ami-0usw"));
        assertThat(plan.accounts()).containsExactly(new DecommissionPlan.ChildTarget("111111111111", "eu-west-1", "ami-0eu"),
                new DecommissionPlan.ChildTarget("111111111111", "us-east-1", "ami-0source"),
                new DecommissionPlan.ChildTarget("222222222222", "us-west-2", "ami-0usw"));
        assertThat(plan.serviceCatalog()).isEqualTo(new DecommissionPlan.CatalogEntry(product, "pa-" + product + "-3", List.of("port-a")));
        assertThat(plan.templateKey()).as("the template publishing wrote").isEqualTo("templates/custom/product.yaml");
        assertThat(plan.manifestKey()).isEqualTo(KEY).isEqualTo(manifest.key());
        assertThat(plan.force()).isTrue();
        assertThat(plan.places()).hasSize(6);
    }

    @Test
    void withoutARecordThePipelineParameterAndTheProductFoundByNameAreUsed() {
        parameters.put(PARAMETER, "ami-0source");
        String product = catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("3"), List.of());

        DecommissionPlan plan = planner(false).plan(REQUEST);

        assertThat(plan.imageId()).isEqualTo("ami-0source");
        assertThat(plan.sourceRegion()).isEqualTo("us-east-1");
        assertThat(plan.regions()).isEmpty();
        assertThat(plan.accounts()).isEmpty();
        assertThat(plan.serviceCatalog().productId()).isEqualTo(product);
        assertThat(plan.serviceCatalog().provisioningArtifactId()).isEqualTo("pa-" + product + "-3");
        assertThat(plan.templateKey()).isEqualTo("templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml");
        assertThat(plan.force()).isFalse();
    }

    @Test
    void nothingRecordedAndNoParameterIsAClearRefusal() {
        assertThatThrownBy(() -> planner(false).plan(REQUEST)).isInstanceOf(NothingToDecommissionException.class)
                .hasMessageContaining(PARAMETER).hasMessageContaining("s3://evidence/" + KEY);
    }

    @Test
    void everyBadFieldIsNamed() {
        assertThatThrownBy(() -> planner(false).plan(Map.of("productName", "Web Server", "productOSAndVersion", "AmazonLinux-2023",
                "force", "yes", "extra", 1)))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fields())
                        .containsExactlyInAnyOrder("extra", "productName", "buildVersion", "force"));
    }

    @Test
    void deletingAProductStillInPortfoliosIsRefusedNamingThem() {
        parameters.put(PARAMETER, "ami-0source");
        catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("3"), List.of("port-a", "port-b"));

        assertThatThrownBy(() -> planner(false).plan(REQUEST)).isInstanceOf(ProductStillAssociatedException.class)
                .hasMessageContaining("port-a, port-b").hasMessageContaining("allow-disassociate");
        assertThat(catalog.writes).isEmpty();
        assertThat(planner(true).plan(REQUEST).serviceCatalog().portfolioIds()).containsExactly("port-a", "port-b");
    }

    @Test
    void removingOneOfSeveralVersionsNeedsNoDisassociation() {
        parameters.put(PARAMETER, "ami-0source");
        catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("2", "3"), List.of("port-a"));

        assertThat(planner(false).plan(REQUEST).serviceCatalog().portfolioIds()).containsExactly("port-a");
    }

    @Test
    void aManifestMarkedDecommissionedPlansNothingAgain() {
        DistributionManifest done = DistributionManifest.of(IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0eu", true)),
                List.of(new DistributionTarget("111111111111", "eu-west-1")), null, "arn:exec:1", "t1")
                .decommissionedBy("arn:exec:decommission", "2025-05-02T10:00:00Z");
        store.byKey.put(KEY, done);

        assertThatThrownBy(() -> planner(false).plan(REQUEST)).isInstanceOf(NothingToDecommissionException.class)
                .hasMessageContaining(PARAMETER).hasMessageContaining("already decommissioned at 2025-05-02T10:00:00Z by arn:exec:decommission");

        parameters.put(PARAMETER, "ami-0rebuilt");
        DecommissionPlan rebuilt = planner(false).plan(REQUEST);
        assertThat(rebuilt.imageId()).as("the same version built again, not distributed yet").isEqualTo("ami-0rebuilt");
        assertThat(rebuilt.regions()).isEmpty();
        assertThat(rebuilt.accounts()).isEmpty();
    }
}
