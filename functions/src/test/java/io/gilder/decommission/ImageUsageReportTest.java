package io.gilder.decommission;

import io.gilder.error.ImageInUseException;
import io.gilder.registry.NamedVersion;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageUsageReportTest {

    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:decommission-golden-ami:run-1";

    static final DecommissionPlan PLAN = new DecommissionPlan("WebServer-1.2-AmazonLinux-2023", new NamedVersion("WebServer", "1.2"),
            new NamedVersion("AmazonLinux", "2023"), "3", "ami-0source", "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3", "us-east-1",
            List.of(new DecommissionPlan.RegionalCopy("eu-west-1", "ami-0eu")),
            List.of(new DecommissionPlan.ChildTarget("111111111111", "eu-west-1", "ami-0eu")), null, "t", "m", false);

    @Test
    void atMostTwentyInstancesAreNamedAndTheRestCounted() {
        List<ImageUsageReport.InstanceInUse> found = IntStream.range(0, 25)
                .mapToObj(i -> new ImageUsageReport.InstanceInUse("111111111111", "eu-west-1", "i-" + i)).toList();

        ImageUsageReport report = ImageUsageReport.of("ami-0source", 3, found, false);

        assertThat(report.instances()).hasSize(20).startsWith("111111111111/eu-west-1/i-0");
        assertThat(report.describe()).startsWith("ami-0source (or a copy) is still used by 25 instance(s): 111111111111/eu-west-1/i-0, ")
                .contains("i-19 and 5 more").endsWith("re-run the decommission with \"force\": true");
    }

    @Test
    void everyPlaceIsCheckedWithItsOwnImageIdAndUseRefusesUnlessForced() {
        List<String> asked = new java.util.ArrayList<>();
        ImageUsageCheck check = new ImageUsageCheck((account, region, imageId, session) -> {
            assertThat(session).isEqualTo("gilder-run-1");
            asked.add(account + "/" + region + "/" + imageId);
            return "111111111111".equals(account) ? List.of("i-0abc") : List.of();
        });

        assertThatThrownBy(() -> check.check(EXECUTION, PLAN)).isInstanceOf(ImageInUseException.class)
                .hasMessageContaining("1 instance(s): 111111111111/eu-west-1/i-0abc");
        assertThat(asked).containsExactly("null/us-east-1/ami-0source", "null/eu-west-1/ami-0eu", "111111111111/eu-west-1/ami-0eu");

        DecommissionPlan forced = new DecommissionPlan(PLAN.productName(), PLAN.product(), PLAN.os(), PLAN.buildVersion(), PLAN.imageId(),
                PLAN.parameterName(), PLAN.sourceRegion(), PLAN.regions(), PLAN.accounts(), null, "t", "m", true);
        ImageUsageReport report = check.check(EXECUTION, forced);
        assertThat(report.total()).isEqualTo(1);
        assertThat(report.placesChecked()).isEqualTo(3);
        assertThat(report.forced()).isTrue();
    }
}
