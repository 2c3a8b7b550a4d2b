package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * distribute-golden-ami on the local stack: a registered golden image goes to two fake child
 * accounts in two regions. What moto cannot show is not asserted: shared images stay invisible to
 * the target accounts there, so the test checks the launch permission and the child parameters, not
 * that a child can launch the image.
 */
@ExtendWith(LocalAws.class)
class DistributeGoldenAmiTest {

    private static final List<String> ACCOUNTS = LocalNames.CHILD_ACCOUNTS;

    @Test
    void aGoldenImageReachesEveryAccountAndRegionAndARerunAddsNothing(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Dist");
        String parameter = GoldenImages.parameter(product);
        String golden = GoldenImages.register(aws, product);
        Map<String, Object> input = GoldenImages.distribution(product, List.of("us-east-1", "eu-west-1"));

        Executions.Result first = run(aws, input);

        assertThat(first.status()).as(first.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        try (Ec2Client euEc2 = RegionalClients.client(aws, Ec2Client.builder(), Region.EU_WEST_1);
                SsmClient euSsm = RegionalClients.client(aws, SsmClient.builder(), Region.EU_WEST_1)) {
            var copies = euEc2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden))).images();
            assertThat(copies).hasSize(1);
            String copy = copies.get(0).imageId();
            assertThat(copies.get(0).tags()).contains(Tag.builder().key("AMI-Type").value("Golden").build());
            assertThat(euEc2.describeImageAttribute(r -> r.imageId(copy).attribute("launchPermission")).launchPermissions())
                    .extracting(p -> p.userId()).containsExactlyInAnyOrderElementsOf(ACCOUNTS);
            assertThat(euSsm.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(copy);

            for (String account : ACCOUNTS) {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder())) {
                    assertThat(child.getParameter(r -> r.name(parameter)).parameter().value()).as(account).isEqualTo(golden);
                    assertThat(child.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")).contains(golden);
                }
            }

            Executions.Result again = run(aws, input);
            assertThat(again.status()).as(again.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(euEc2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden))).images())
                    .as("no second copy").hasSize(1);
            for (String account : ACCOUNTS) {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder())) {
                    assertThat(List.of(child.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")))
                            .as("listed once in " + account).containsOnlyOnce(golden);
                }
            }
        }
    }

    @Test
    void aBadRequestNamesItsFieldsBeforeAnythingIsCopied(LocalStack aws) {
        Executions.Result result = run(aws, Map.of("productName", "Nothing-1.0", "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "1", "targets", List.of(Map.of("accountId", "12345", "regions", List.of("mars-north-1")))));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.InvalidRequestException");
        assertThat(result.cause()).contains("targets[0].accountId").contains("targets[0].regions[0]");
        assertThat(result.statesEntered()).containsExactly("Validate Distribution Request");
    }

    private static Executions.Result run(LocalStack aws, Object input) {
        return GoldenImages.run(aws, "DistributeGoldenAmiStateMachine", input);
    }
}
