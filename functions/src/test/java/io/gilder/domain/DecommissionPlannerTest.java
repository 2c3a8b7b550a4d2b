package io.gilder.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.InvalidRequestException;
import io.gilder.error.NothingToDecommissionException;
import io.gilder.error.ProductStillAssociatedException;
import io.gilder.port.DistributionManifests;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecommissionPlannerTest {

    static final String KEY = "distributions/AmazonLinux-2023/WebServer-1.2/3.json";
    static final String PARAMETER = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3";
    static final Map<String, Object> REQUEST = Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023",
            "buildVersion", "3");

    final Map<String, Object> manifests = new HashMap<>();
    final Map<String, String> parameters = new HashMap<>();
    final FakeCatalog catalog = new FakeCatalog();

    DecommissionPlanner planner(boolean allowDisassociate) {
        DistributionManifests store = new DistributionManifests() {
            @Override
            public Optional<Object> read(String key) {
                return Optional.ofNullable(manifests.get(key));
            }

            @Override
            public void markDecommissioned(String key, String executionArn, Instant at) {
                throw new AssertionError("planning writes nothing");
            }

            @Override
            public String describe(String key) {
                return "s3://evidence/" + key;
            }
        };
        return new DecommissionPlanner(store, name -> Optional.ofNullable(parameters.get(name)),
                new CatalogRetirement(catalog, allowDisassociate), "us-east-1");
    }

    @Test
    void thePlanListsCopiesAndChildTargetsFromTheRecord() {
        String product = catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("2", "3"), List.of("port-a"));
        manifests.put(KEY, Map.of(
                "image", Map.of("imageId", "ami-0source", "parameterName", PARAMETER, "sourceRegion", "us-east-1"),
                "regions", Map.of("us-east-1", "ami-0source", "eu-west-1", "ami-0eu", "us-west-2", "ami-0usw"),
                "accounts", Map.of("222222222222", List.of("us-west-2"), "111111111111", List.of("us-east-1", "eu-west-1")),
                "serviceCatalog", Map.of("productId", product, "provisioningArtifactId", "pa-" + product + "-3"),
                "writtenBy", "another version of Gilder"));

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
        assertThat(plan.templateKey()).isEqualTo("templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml");
        assertThat(plan.manifestKey()).isEqualTo(KEY);
        assertThat(plan.force()).isTrue();
        assertThat(plan.places()).hasSize(6);
    }

    @Test
    void theReaderAcceptsTheOldSamplesCommaListsAndListsOfObjects() {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("image", Map.of("imageId", "ami-0source"));
        manifest.put("regions", List.of(Map.of("region", "eu-west-1", "imageId", "ami-0eu")));
        manifest.put("accounts", Map.of("111111111111", "us-east-1, eu-west-1"));

        DistributionRecord record = DistributionRecord.read(manifest);

        assertThat(record.accounts()).extracting(DecommissionPlan.ChildTarget::imageId).containsExactly("ami-0eu", "ami-0source");
        assertThat(record.serviceCatalog()).isNull();
        assertThat(DistributionRecord.read("not an object").imageId()).isNull();
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
}
