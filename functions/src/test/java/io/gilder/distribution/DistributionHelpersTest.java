package io.gilder.distribution;

import io.gilder.registry.CrossAccountRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class DistributionHelpersTest {

    @Test
    void theCopyTokenDependsOnlyOnImageAndRegionAndFitsEc2() {
        String token = CopyToken.of("ami-0123456789abcdef0", "eu-west-1");

        assertThat(token).isEqualTo(CopyToken.of("ami-0123456789abcdef0", "eu-west-1")).hasSizeLessThanOrEqualTo(64)
                .matches("[\\x21-\\x7e]+");
        assertThat(CopyToken.of("ami-0123456789abcdef0", "us-west-2")).isNotEqualTo(token);
        assertThat(CopyToken.of("ami-0123456789abcdef1", "eu-west-1")).isNotEqualTo(token);
    }

    @Test
    void failedTargetsAreNamedWithTheirReasonsInOrder() {
        List<TargetOutcome> outcomes = List.of(new TargetOutcome("222222222222", "us-east-1", "AwsTransientException: ssm:PutParameter\n timed out"),
                new TargetOutcome("111111111111", "us-east-1", null),
                new TargetOutcome("111111111111", "eu-west-1", "AwsCallFailedException: sts:AssumeRole failed with AccessDenied: no"),
                new TargetOutcome("111111111111", "us-west-2", "x".repeat(500)));

        String message = FailedTargets.describe(outcomes).orElseThrow();

        assertThat(message).startsWith("failed targets: 111111111111/eu-west-1 (AwsCallFailedException: sts:AssumeRole failed with "
                + "AccessDenied: no), 111111111111/us-west-2 (" + "x".repeat(197) + "...), 222222222222/us-east-1 "
                + "(AwsTransientException: ssm:PutParameter timed out) - 3 of 4 targets failed");
        assertThat(FailedTargets.describe(List.of(new TargetOutcome("111111111111", "us-east-1", null)))).isEmpty();
    }

    @Test
    void problemsThatAreNoTargetsLeadTheMessageAndAloneStillFailTheRun() {
        List<TargetOutcome> ok = List.of(new TargetOutcome("111111111111", "us-east-1", null));

        assertThat(FailedTargets.describe(ok, List.of("Service Catalog version (AccessDenied)"))).hasValueSatisfying(message ->
                assertThat(message).startsWith("Service Catalog version (AccessDenied) - all 1 targets published"));
        assertThat(FailedTargets.describe(List.of(new TargetOutcome("111111111111", "eu-west-1", "the image never reached eu-west-1")),
                List.of("region eu-west-1 (ImageCopyFailedException: gone)"))).hasValueSatisfying(message ->
                assertThat(message).startsWith("region eu-west-1 (ImageCopyFailedException: gone); failed targets: "
                        + "111111111111/eu-west-1 (the image never reached eu-west-1) - 1 of 1 targets failed"));
    }

    @Test
    void theRoleAndSessionNameFollowTheExecutionAndPartition() {
        assertThat(CrossAccountRole.arn("111111111111", "GilderCrossAccountRole", "eu-west-1"))
                .isEqualTo("arn:aws:iam::111111111111:role/GilderCrossAccountRole");
        assertThat(CrossAccountRole.arn("111111111111", "R", "cn-north-1")).startsWith("arn:aws-cn:");
        assertThat(CrossAccountRole.arn("111111111111", "R", "us-gov-west-1")).startsWith("arn:aws-us-gov:");
        assertThat(CrossAccountRole.sessionName("arn:aws:states:us-east-1:123456789012:execution:Distribute:run 7/x"))
                .isEqualTo("gilder-run-7-x");
        assertThat(CrossAccountRole.sessionName("arn:aws:states:r:1:execution:D:" + "a".repeat(80))).hasSize(64);
    }
}
