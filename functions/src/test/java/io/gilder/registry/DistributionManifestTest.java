package io.gilder.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class DistributionManifestTest {

    public static final DistributionImage IMAGE = new DistributionImage("ami-0aaaaaaaaaaaaaaaa", "gilder/AmazonLinux-2023/WebServer-1.2/3/x",
            "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3", "us-east-1", "WebServer-1.2", "AmazonLinux-2023", "3");

    @Test
    void aRunRecordsRegionsAndAccountsSortedUnderTheVersionsKey() {
        DistributionManifest run = DistributionManifest.of(IMAGE,
                List.of(new RegionCopy("us-east-1", "ami-0aaaaaaaaaaaaaaaa", false), new RegionCopy("eu-west-1", "ami-0eu1", true)),
                List.of(new DistributionTarget("222222222222", "us-east-1"), new DistributionTarget("111111111111", "us-east-1"),
                        new DistributionTarget("111111111111", "eu-west-1")), null, "arn:exec:1", "2025-05-01T10:00:00Z");

        assertThat(run.key()).isEqualTo("distributions/AmazonLinux-2023/WebServer-1.2/3.json");
        assertThat(run.regions()).containsExactly(Map.entry("eu-west-1", "ami-0eu1"), Map.entry("us-east-1", "ami-0aaaaaaaaaaaaaaaa"));
        assertThat(run.accounts()).containsExactly(Map.entry("111111111111", List.of("eu-west-1", "us-east-1")),
                Map.entry("222222222222", List.of("us-east-1")));
        assertThat(run.serviceCatalog()).isNull();
        assertThat(run.decommissioned()).isNull();
    }

    @Test
    void mergingAddsAndNeverLosesEntries() {
        DistributionManifest first = DistributionManifest.of(IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0eu1", true)),
                List.of(new DistributionTarget("111111111111", "eu-west-1")),
                new CatalogVersion("prod-1", "pa-1", "templates/a", null), "arn:exec:1", "t1");
        DistributionManifest second = DistributionManifest.of(IMAGE,
                List.of(new RegionCopy("eu-west-1", "ami-0eu1", true), new RegionCopy("us-west-2", "ami-0usw2", true)),
                List.of(new DistributionTarget("111111111111", "us-west-2"), new DistributionTarget("222222222222", "eu-west-1")),
                null, "arn:exec:2", "t2");

        DistributionManifest merged = first.mergedWith(second);

        assertThat(merged.regions()).containsOnly(Map.entry("eu-west-1", "ami-0eu1"), Map.entry("us-west-2", "ami-0usw2"));
        assertThat(merged.accounts()).containsExactly(Map.entry("111111111111", List.of("eu-west-1", "us-west-2")),
                Map.entry("222222222222", List.of("eu-west-1")));
        assertThat(merged.serviceCatalog()).as("a run that published nothing keeps the earlier version")
                .isEqualTo(new CatalogVersion("prod-1", "pa-1", "templates/a", null));
        assertThat(merged.executions()).containsExactly("arn:exec:1", "arn:exec:2");
        assertThat(merged.updatedAt()).isEqualTo("t2");
        assertThat(merged.supersededCopies()).isEmpty();
        assertThat(merged.mergedWith(second)).as("merging the same run again changes nothing").isEqualTo(merged);
    }

    @Test
    void aReplacedCopyIsKeptForDecommission() {
        DistributionManifest first = DistributionManifest.of(IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0old", true)),
                List.of(), null, "arn:exec:1", "t1");
        DistributionManifest second = DistributionManifest.of(IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0new", true)),
                List.of(), null, "arn:exec:2", "t2");

        DistributionManifest merged = first.mergedWith(second);

        assertThat(merged.regions()).containsExactly(Map.entry("eu-west-1", "ami-0new"));
        assertThat(merged.supersededCopies()).containsExactly(new DistributionManifest.Copy("eu-west-1", "ami-0old"));
        assertThat(merged.mergedWith(first).regions()).as("going back makes the other one superseded")
                .containsExactly(Map.entry("eu-west-1", "ami-0old"));
        assertThat(merged.mergedWith(first).supersededCopies()).containsExactly(new DistributionManifest.Copy("eu-west-1", "ami-0new"));
    }

    @Test
    void theFirstDecommissionMarkStaysAndALaterDistributionClearsIt() {
        DistributionManifest run = DistributionManifest.of(IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0eu1", true)),
                List.of(), null, "arn:exec:1", "t1");

        DistributionManifest marked = run.decommissionedBy("arn:decommission:1", "t2").decommissionedBy("arn:decommission:2", "t3");

        assertThat(marked.decommissioned()).isEqualTo(new DistributionManifest.Decommissioned("t2", "arn:decommission:1"));
        assertThat(marked.mergedWith(run).decommissioned()).isNull();
    }

    @Test
    void regionalCopiesAreEveryCopyOutsideTheSourceRegionSupersededOnesToo() {
        DistributionManifest first = DistributionManifest.of(IMAGE, List.of(new RegionCopy("us-east-1", IMAGE.imageId(), false),
                new RegionCopy("eu-west-1", "ami-0old", true)), List.of(), null, "arn:exec:1", "t1");
        DistributionManifest second = DistributionManifest.of(IMAGE, List.of(new RegionCopy("eu-west-1", "ami-0new", true),
                new RegionCopy("ap-south-1", "ami-0ap", true)), List.of(), null, "arn:exec:2", "t2");

        assertThat(first.mergedWith(second).regionalCopies()).containsExactly(new DistributionManifest.Copy("ap-south-1", "ami-0ap"),
                new DistributionManifest.Copy("eu-west-1", "ami-0new"), new DistributionManifest.Copy("eu-west-1", "ami-0old"));
    }
}
