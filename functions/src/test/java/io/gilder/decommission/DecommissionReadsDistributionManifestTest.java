package io.gilder.decommission;

import io.gilder.aws.S3DistributionManifests;
import io.gilder.catalog.FakeProductCatalog;
import io.gilder.distribution.DistributionRecorder;
import io.gilder.distribution.TargetOutcome;
import io.gilder.error.DistributionIncompleteException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.FakeEvidenceStore;
import io.gilder.registry.RegionCopy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The manifest round trip between the two workflows: what record-distribution stores (as JSON bytes, through
 * the real {@link S3DistributionManifests} over an in-memory evidence store) is exactly what the decommission
 * planner reads, and its plan names every copy (superseded ones too), every account and region, and the
 * Service Catalog ids.
 */
class DecommissionReadsDistributionManifestTest {

    static final String PARAMETER = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3";
    static final DistributionImage IMAGE = new DistributionImage("ami-0source", "gilder/AmazonLinux-2023/WebServer-1.2/3", PARAMETER,
            "us-east-1", "WebServer-1.2", "AmazonLinux-2023", "3");

    final FakeEvidenceStore evidence = new FakeEvidenceStore();
    final S3DistributionManifests manifests = new S3DistributionManifests(evidence, "evidence");
    final DistributionRecorder recorder = new DistributionRecorder(manifests,
            Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC));
    final FakeProductCatalog catalog = new FakeProductCatalog();

    @Test
    void aFailedRunThenAReRunWithANewCopyAreAllInTheDecommissionPlan() {
        String product = catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("2", "3"), List.of("port-a"));
        assertThatThrownBy(() -> recorder.record("arn:exec:1", IMAGE,
                List.of(new RegionCopy("us-east-1", "ami-0source", false), new RegionCopy("eu-west-1", "ami-0eu-old", true),
                        new RegionCopy("us-west-2", "ami-0usw", true)),
                List.of(new TargetOutcome("111111111111", "us-east-1", null), new TargetOutcome("111111111111", "eu-west-1", null),
                        new TargetOutcome("222222222222", "us-west-2", "AwsCallFailedException: sts:AssumeRole failed")),
                List.of(), null)).isInstanceOf(DistributionIncompleteException.class).hasMessageContaining("222222222222/us-west-2");
        DistributionManifest stored = recorder.record("arn:exec:2", IMAGE,
                List.of(new RegionCopy("eu-west-1", "ami-0eu-new", true), new RegionCopy("us-west-2", "ami-0usw", true)),
                List.of(new TargetOutcome("222222222222", "us-west-2", null), new TargetOutcome("111111111111", "eu-west-1", null)),
                List.of(), new CatalogVersion(product, "pa-" + product + "-3", "templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml",
                        "port-a"));
        assertThat(new String(evidence.objects.get(stored.key()), StandardCharsets.UTF_8)).contains("\"supersededCopies\"")
                .contains("\"provisioningArtifactId\"");

        DecommissionPlan plan = new DecommissionPlanner(manifests, name -> Optional.empty(), new CatalogRetirement(catalog, false),
                "us-east-1", (source, region) -> Optional.empty()).plan(Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "3"));

        assertThat(plan.manifestKey()).isEqualTo(stored.key());
        assertThat(plan.imageId()).isEqualTo("ami-0source");
        assertThat(plan.parameterName()).isEqualTo(PARAMETER);
        assertThat(plan.sourceRegion()).isEqualTo("us-east-1");
        assertThat(plan.regions()).containsExactly(new DecommissionPlan.RegionalCopy("eu-west-1", "ami-0eu-new"),
                new DecommissionPlan.RegionalCopy("eu-west-1", "ami-0eu-old"), new DecommissionPlan.RegionalCopy("us-west-2", "ami-0usw"));
        assertThat(plan.accounts()).containsExactly(new DecommissionPlan.ChildTarget("111111111111", "eu-west-1", "ami-0eu-new"),
                new DecommissionPlan.ChildTarget("111111111111", "eu-west-1", "ami-0eu-old"),
                new DecommissionPlan.ChildTarget("111111111111", "us-east-1", "ami-0source"),
                new DecommissionPlan.ChildTarget("222222222222", "us-west-2", "ami-0usw"));
        assertThat(plan.serviceCatalog()).isEqualTo(new DecommissionPlan.CatalogEntry(product, "pa-" + product + "-3", List.of("port-a")));
        assertThat(plan.templateKey()).isEqualTo("templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml");
    }

    @Test
    void theDecommissionMarkKeepsTheManifestReadable() {
        recorder.record("arn:exec:1", IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0eu", true)),
                List.of(new TargetOutcome("111111111111", "eu-west-1", null)), List.of(), null);
        String key = DistributionManifest.key("AmazonLinux-2023", "WebServer-1.2", "3");
        manifests.write(manifests.read(key).orElseThrow().decommissionedBy("arn:decommission:1", "2025-05-02T00:00:00Z"));

        DistributionManifest read = manifests.read(key).orElseThrow();

        assertThat(read.decommissioned()).isEqualTo(new DistributionManifest.Decommissioned("2025-05-02T00:00:00Z", "arn:decommission:1"));
        assertThat(read.regionalCopies()).containsExactly(new DistributionManifest.Copy("eu-west-1", "ami-0eu"));
    }
}
