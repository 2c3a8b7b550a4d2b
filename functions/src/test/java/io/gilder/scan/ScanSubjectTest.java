package io.gilder.scan;

import io.gilder.build.BuildRequest;
import io.gilder.build.BuildRequests;
import io.gilder.error.InvalidRequestException;
import io.gilder.instance.InstanceLaunch;
import io.gilder.registry.InstanceRole;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanSubjectTest {

    private static final String CHILD = "arn:aws:states:us-east-1:123456789012:execution:stack-rescan-golden-amis/map:ami-1";
    private static final String RUN = "arn:aws:states:us-east-1:123456789012:execution:stack-rescan-golden-amis:daily-1";
    private static final RescanTarget WEB_7 = new RescanTarget("ami-1", "AmazonLinux-2023", "WebServer-1.2", "7",
            "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7");

    @Test
    void aBuildScansItsCandidateOnATestInstanceAndLaunchesAsBefore() {
        BuildRequest request = BuildRequests.withScripts(null, null);

        ScanSubject subject = ScanSubject.forBuild(request, "ami-cand");
        InstanceLaunch viaSubject = InstanceLaunch.of(CHILD, subject);
        InstanceLaunch viaRequest = InstanceLaunch.of(CHILD, "test", "ami-cand", request);

        assertThat(subject.role()).isEqualTo(InstanceRole.TEST);
        assertThat(viaSubject).isEqualTo(viaRequest);
    }

    @Test
    void aRescanInstanceCarriesTheAssessmentTagTheRunAndTheImagesTags() {
        Map<String, String> imageTags = Map.of("CostCenter", "42", "AMI-Type", "Golden", "Product", "WebServer-1.2");

        InstanceLaunch launch = InstanceLaunch.of(CHILD, ScanSubject.forRescan(WEB_7, imageTags, "t3.large", "qualys", RUN));

        assertThat(launch.role()).isEqualTo(InstanceRole.RESCAN);
        assertThat(launch.instanceType()).isEqualTo("t3.large");
        assertThat(launch.tags()).containsEntry("continuous-assessment-instance", "true").containsEntry("gilder:rescan-run", RUN)
                .containsEntry("gilder:execution", CHILD).containsEntry("gilder:role", "rescan").containsEntry("CostCenter", "42")
                .containsEntry("AMI-Type", "Golden").containsEntry("Name", "gilder-rescan WebServer-1.2 AmazonLinux-2023 v7");
    }

    @Test
    void imageTagsNeverOverrideGildersKeysAndAwsKeysAreNotCopied() {
        Map<String, String> imageTags = Map.of("Name", "golden web", "gilder:execution", "arn:old-build", "Version", "99",
                "continuous-assessment-instance", "false", "aws:cloudformation:stack-name", "x", "AWS:Other", "y");

        Map<String, String> tags = InstanceLaunch.of(CHILD, ScanSubject.forRescan(WEB_7, imageTags, "t3.large", "qualys", RUN)).tags();

        assertThat(tags).containsEntry("gilder:execution", CHILD).containsEntry("Version", "7")
                .containsEntry("continuous-assessment-instance", "true").containsEntry("Name", "gilder-rescan WebServer-1.2 AmazonLinux-2023 v7")
                .doesNotContainKeys("aws:cloudformation:stack-name", "AWS:Other");
    }

    @Test
    void imageTagsAreCutSoThatTheInstanceStaysWithinFiftyTags() {
        Map<String, String> imageTags = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            imageTags.put(String.format("Team%02d", i), "v");
        }

        Map<String, String> tags = InstanceLaunch.of(CHILD, ScanSubject.forRescan(WEB_7, imageTags, "t3.large", "qualys", RUN)).tags();

        assertThat(tags).hasSize(InstanceLaunch.MAX_TAGS).containsKeys("continuous-assessment-instance", "gilder:rescan-run", "Team00", "Team41")
                .doesNotContainKey("Team42");
    }

    @Test
    void anUnregisteredImageTakesItsIdentityFromItsTagsOrSaysUnregistered() {
        RescanTarget unregistered = new RescanTarget("ami-9", null, null, null, null);

        ScanSubject tagged = ScanSubject.forRescan(unregistered, Map.of("OS", "Ubuntu-24.04", "Product", "Db-2.0"), "t3.large", "tenable", RUN);
        ScanSubject bare = ScanSubject.forRescan(unregistered, null, "t3.large", "tenable", RUN);

        assertThat(tagged.os()).isEqualTo("Ubuntu-24.04");
        assertThat(tagged.product()).isEqualTo("Db-2.0");
        assertThat(tagged.version()).isEqualTo("unregistered");
        assertThat(bare.os()).isEqualTo("unregistered");
        assertThat(bare.imageTags()).isEmpty();
    }

    @Test
    void badSubjectsNameTheirFields() {
        ScanSubject builder = new ScanSubject("ami-1", InstanceRole.BUILDER, "o", "p", "1", "t3.micro", "none", null, null);
        ScanSubject noImage = new ScanSubject(" ", InstanceRole.RESCAN, "o", "p", "1", "t3.micro", "none", null, null);

        assertThatThrownBy(() -> InstanceLaunch.of(CHILD, builder)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("subject.role must be test or rescan, not BUILDER");
        assertThatThrownBy(() -> InstanceLaunch.of(null, noImage)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("executionArn is required").hasMessageContaining("subject.imageId is required");
        assertThatThrownBy(() -> InstanceLaunch.of(CHILD, (ScanSubject) null)).hasMessageContaining("subject is required");
    }

    @Test
    void twoImagesOfOneRunNeverShareALaunchTokenEvenUnderOneExecutionId() {
        RescanTarget other = new RescanTarget("ami-2", "AmazonLinux-2023", "WebServer-1.2", "8", "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/8");
        String first = InstanceLaunch.of(CHILD, ScanSubject.forRescan(WEB_7, Map.of(), "t3.large", "qualys", RUN)).clientToken();

        assertThat(InstanceLaunch.of(CHILD, ScanSubject.forRescan(WEB_7, Map.of(), "t3.large", "qualys", RUN)).clientToken())
                .as("a retried launch").isEqualTo(first);
        assertThat(InstanceLaunch.of(CHILD, ScanSubject.forRescan(other, Map.of(), "t3.large", "qualys", RUN)).clientToken())
                .as("another image of the run").isNotEqualTo(first);
    }
}
