package io.gilder.instance;

import io.gilder.build.BuildRequest;
import io.gilder.build.BuildRequests;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.InstanceRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceLaunchTest {

    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1";
    private static final BuildRequest REQUEST = BuildRequests.withScripts(null, null);

    @Test
    void tagsNameTheExecutionRoleAndWhatIsBuilt() {
        InstanceLaunch launch = InstanceLaunch.of(EXECUTION, "builder", "ami-1", REQUEST);

        assertThat(launch.role()).isEqualTo(InstanceRole.BUILDER);
        assertThat(launch.imageId()).isEqualTo("ami-1");
        assertThat(launch.instanceType()).isEqualTo("t3.medium");
        assertThat(launch.tags()).containsEntry("gilder:execution", EXECUTION).containsEntry("gilder:role", "builder")
                .containsEntry("Product", "WebServer-1.0").containsEntry("OS", "AmazonLinux-2023")
                .containsEntry("Version", "7").containsEntry("Name", "gilder-builder WebServer-1.0 AmazonLinux-2023 build 7");
    }

    @Test
    void theClientTokenIsStablePerExecutionAndRoleAndFitsEc2sLimit() {
        String token = InstanceLaunch.of(EXECUTION, "builder", "ami-1", REQUEST).clientToken();

        assertThat(InstanceLaunch.of(EXECUTION, "builder", "ami-other", REQUEST).clientToken()).as("retry").isEqualTo(token);
        assertThat(InstanceLaunch.of(EXECUTION, "test", "ami-1", REQUEST).clientToken()).as("other role").isNotEqualTo(token);
        assertThat(InstanceLaunch.of(EXECUTION + "2", "builder", "ami-1", REQUEST).clientToken()).as("other execution").isNotEqualTo(token);
        assertThat(token).hasSizeLessThanOrEqualTo(InstanceLaunch.MAX_CLIENT_TOKEN).matches("[A-Za-z0-9_-]+");
        String longArn = EXECUTION.replace("run-1", "r".repeat(80));
        assertThat(InstanceLaunch.of(longArn, "test", "ami-1", REQUEST).clientToken()).hasSizeLessThanOrEqualTo(64);
    }

    @Test
    void badInputNamesEveryOffendingField() {
        assertThatThrownBy(() -> InstanceLaunch.of(" ", "scanner", null, REQUEST))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.fields()).containsExactly("executionArn", "imageId", "role"))
                .hasMessageContaining("role must be builder, test or rescan, not scanner");
    }

    @Test
    void rolesReadTheirTagValues() {
        assertThat(List.of("builder", "test", "rescan")).allSatisfy(r -> assertThat(InstanceRole.of(r)).isPresent());
        assertThat(InstanceRole.of("BUILDER")).isEmpty();
        assertThat(InstanceRole.of(null)).isEmpty();
    }
}
