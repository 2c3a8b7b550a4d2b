package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.aws.ChildAccountClients;
import io.gilder.aws.Ec2RegionalImages;
import io.gilder.aws.OrganizationsMembers;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.SsmGoldenRegistries;
import io.gilder.build.ImageCheck;
import io.gilder.distribution.AccountPublication;
import io.gilder.distribution.ImageDistribution;
import io.gilder.distribution.OrganizationMembers;
import io.gilder.error.AwsCallFailedException;
import io.gilder.error.PublicSharingRefusedException;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.RegionCopy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The distribution adapters through the real SDK against the emulator: copies between regions of the
 * pipeline account, launch and volume permissions, the regional registry, and publishing into the fake
 * child accounts through the child template's {@code GilderCrossAccountRole} (STS AssumeRole).
 *
 * <p>Not asserted anywhere: that a child account can see or launch the shared image. moto records the
 * launch permission but keeps the image invisible to the other account, so such a check would test moto.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionAdaptersTest {

    static final String HOME = RegionalClients.ADAPTER_TESTS.id();
    static final String OTHER = "eu-west-1";
    static final String CHILD = LocalNames.CHILD_ACCOUNTS.get(0);

    private LocalStack aws;
    private RegionalAwsClients clients;
    private ImageDistribution distribution;
    private DistributionImage image;
    private String execution;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        clients = new RegionalAwsClients(UrlConnectionHttpClient.builder().build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Optional.of(aws.endpoint()), LocalNames.REGION);
        distribution = new ImageDistribution(new Ec2RegionalImages(clients::ec2),
                new SsmGoldenRegistries(new ChildAccountClients(clients, "GilderCrossAccountRole", Optional.empty()), Clock.systemUTC(),
                        Duration.ofSeconds(60)), 5);
        execution = "arn:aws:states:us-east-1:123456789012:execution:DistributeGoldenAmi:" + UUID.randomUUID();
        String version = String.valueOf(Math.abs(execution.hashCode()));
        Ec2Client ec2 = clients.ec2(HOME);
        String base = ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString())).findFirst().orElseThrow().imageId();
        String instance = ec2.runInstances(r -> r.imageId(base).instanceType("t3.micro").minCount(1).maxCount(1)).instances().get(0).instanceId();
        String name = "gilder/AmazonLinux-2023/WebServer-1.0/" + version + "/distribution-test";
        // As a build makes it: the image and its snapshot tagged Golden at CreateImage (sharing requires the snapshot's tag).
        String golden = ec2.createImage(r -> r.instanceId(instance).name(name).tagSpecifications(
                t -> t.resourceType("image").tags(tg -> tg.key("AMI-Type").value("Golden")),
                t -> t.resourceType("snapshot").tags(tg -> tg.key("AMI-Type").value("Golden")))).imageId();
        ec2.terminateInstances(r -> r.instanceIds(instance));
        image = new DistributionImage(golden, name, "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + version, HOME, "WebServer-1.0",
                "AmazonLinux-2023", version);
    }

    @AfterAll
    void close() {
        clients.close();
    }

    @Test
    void copyingTwiceMakesOneCopyTaggedLikeTheSource() {
        RegionCopy first = distribution.copy(execution, image, OTHER);
        RegionCopy second = distribution.copy(execution + "-rerun", image, OTHER);

        assertThat(second).isEqualTo(first);
        assertThat(first.copied()).isTrue();
        assertThat(first.imageId()).isNotEqualTo(image.imageId());
        var copies = clients.ec2(OTHER).describeImages(r -> r.owners("self")
                .filters(Filter.builder().name("name").values(image.name()).build())).images();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).tags()).extracting(t -> t.key() + "=" + t.value()).contains("gilder:source-image=" + image.imageId(),
                "AMI-Type=Golden", "Product=WebServer-1.0", "OS=AmazonLinux-2023", "Version=" + image.buildVersion(),
                "gilder:execution=" + execution);
        assertThat(distribution.copy(execution, image, HOME)).isEqualTo(new RegionCopy(HOME, image.imageId(), false));
        // Its snapshot carries the same tags from CopyImage on (the role may tag it only then); the check tags nothing.
        String snapshot = copies.get(0).blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(clients.ec2(OTHER).describeSnapshots(r -> r.snapshotIds(snapshot)).snapshots().get(0).tags())
                .containsExactlyInAnyOrderElementsOf(copies.get(0).tags());
        assertThat(distribution.check(OTHER, first.imageId(), 0)).isEqualTo(new ImageCheck(true, 1, List.of(snapshot)));
    }

    @Test
    void sharingGrantsEachAccountOnceAndRegistersTheRegionalCopy() {
        String copy = distribution.copy(execution, image, OTHER).imageId();
        List<String> accounts = LocalNames.CHILD_ACCOUNTS;

        distribution.share(OTHER, copy, accounts, image.parameterName(), execution);
        distribution.share(OTHER, copy, accounts, image.parameterName(), execution);

        Ec2Client ec2 = clients.ec2(OTHER);
        assertThat(ec2.describeImageAttribute(r -> r.imageId(copy).attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions())
                .extracting(LaunchPermission::userId).containsExactlyInAnyOrderElementsOf(accounts);
        String snapshot = distribution.check(OTHER, copy, 0).snapshotIds().get(0);
        assertThat(ec2.describeSnapshotAttribute(r -> r.snapshotId(snapshot).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION))
                .createVolumePermissions()).extracting(p -> p.userId()).containsExactlyInAnyOrderElementsOf(accounts);
        SsmClient ssm = clients.ssm(OTHER);
        var parameter = ssm.getParameter(r -> r.name(image.parameterName())).parameter();
        assertThat(parameter.value()).isEqualTo(copy);
        assertThat(parameter.dataType()).isEqualTo("aws:ec2:image");
        assertThat(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")).containsOnlyOnce(copy);
    }

    @Test
    void anImageSomeoneMadePublicIsSharedNoFurther() {
        Ec2Client ec2 = clients.ec2(HOME);
        String base = ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString())).findFirst().orElseThrow().imageId();
        String instance = ec2.runInstances(r -> r.imageId(base).instanceType("t3.micro").minCount(1).maxCount(1)).instances().get(0).instanceId();
        String open = ec2.createImage(r -> r.instanceId(instance).name("gilder/public-test/" + UUID.randomUUID())).imageId();
        ec2.terminateInstances(r -> r.instanceIds(instance));
        ec2.modifyImageAttribute(r -> r.imageId(open).launchPermission(p -> p.add(LaunchPermission.builder().group("all").build())));

        assertThatThrownBy(() -> distribution.share(HOME, open, LocalNames.CHILD_ACCOUNTS, image.parameterName(), execution))
                .isInstanceOf(PublicSharingRefusedException.class).hasMessageContaining("Image " + open + " in " + HOME + " is public");
        assertThat(ec2.describeImageAttribute(r -> r.imageId(open).attribute(ImageAttributeName.LAUNCH_PERMISSION)).launchPermissions())
                .as("no account was added").extracting(LaunchPermission::userId).containsOnlyNulls();
    }

    @Test
    void publishingWritesTheParameterAndLatestInTheChildAccount() {
        // Published in the image's own region (the registry checks, inside its critical section, that the image is there and
        // not revoked); the entries are removed again.
        try (SsmClient child = aws.clientInAccount(CHILD, SsmClient.builder(), software.amazon.awssdk.regions.Region.of(HOME));
                SsmClient pipeline = clients.ssm(HOME, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))) {
            AccountPublication published = distribution.publish(execution, CHILD, HOME, image.imageId(), image.parameterName());
            distribution.publish(execution, CHILD, HOME, image.imageId(), image.parameterName());
            try {
                assertThat(published.parameterName()).isEqualTo(image.parameterName());
                var parameter = child.getParameter(r -> r.name(image.parameterName())).parameter();
                assertThat(parameter.value()).isEqualTo(image.imageId());
                assertThat(parameter.dataType()).isEqualTo("aws:ec2:image");
                assertThat(parameter.arn()).contains(":" + CHILD + ":");
                assertThat(child.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","))
                        .containsOnlyOnce(image.imageId());
                assertThat(exists(pipeline, image.parameterName())).as("nothing landed in the pipeline account").isFalse();
            } finally {
                new io.gilder.aws.SsmGoldenRegistry(child, Clock.systemUTC(), Duration.ofSeconds(60)).removeActive(image.imageId(), execution);
                child.deleteParameter(r -> r.name(image.parameterName()));
            }
        }
    }

    @Test
    void theValidateHandlerAcceptsTheOldSamplesStringFormAndNamesBadFields() {
        new io.gilder.aws.SsmGoldenRegistry(clients.ssm(HOME), Clock.systemUTC(), Duration.ofSeconds(60))
                .registerImage(image.parameterName(), image.imageId());
        aws.functions().register(new FunctionSpec("Distribution-validate", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
                512, Duration.ofSeconds(30), Map.of("QUARKUS_LAMBDA_HANDLER", "validate-distribution-request", "AWS_REGION", HOME,
                        "GILDER_DISTRIBUTION_ALLOWED_ACCOUNTS", String.join(",", LocalNames.CHILD_ACCOUNTS))));
        Map<String, Object> request = Map.of("productName", "WebServer-1.0", "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", image.buildVersion(), "MetadataJSON", "{\"" + CHILD + "\": \"us-east-1,eu-west-1\", \"222222222222\": \"eu-west-1\"}");

        JsonNode valid = Json.read(invoke(request).payloadText());
        assertThat(valid.at("/image/imageId").asText()).isEqualTo(image.imageId());
        assertThat(valid.at("/image/sourceRegion").asText()).isEqualTo(HOME);
        assertThat(valid.at("/regions/0/region").asText()).isEqualTo("eu-west-1");
        assertThat(valid.at("/regions/0/accounts").toString()).isEqualTo("[\"111111111111\",\"222222222222\"]");
        assertThat(valid.at("/accounts").toString())
                .isEqualTo("[{\"accountId\":\"111111111111\",\"regions\":[\"eu-west-1\",\"us-east-1\"]},"
                        + "{\"accountId\":\"222222222222\",\"regions\":[\"eu-west-1\"]}]");

        Invocation bad = invoke(Map.of("productName", "WebServer-1.0", "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1",
                "targets", List.of(Map.of("accountId", "1234", "regions", List.of("eu-west-9")))));
        assertThat(bad.error()).isTrue();
        assertThat(bad.payloadText()).contains("InvalidRequestException", "targets[0].accountId", "targets[0].regions[0]");
    }

    @Test
    void organizationMembersAreActiveAccountsOfThePipelinesOrganizationAndNoOthers() {
        try (OrganizationsClient organizations = aws.client(OrganizationsClient.builder())) {
            try {
                organizations.createOrganization(r -> r.featureSet("ALL"));
            } catch (AlreadyInOrganizationException earlierRun) {
                // the stack is shared by the test run: another test may have made it
            }
            String member = organizations.createAccount(r -> r.accountName("gilder-member-" + UUID.randomUUID().toString().substring(0, 8))
                    .email("member-" + UUID.randomUUID() + "@example.com")).createAccountStatus().accountId();
            OrganizationMembers members = new OrganizationsMembers(organizations);

            assertThat(members.memberState(member)).contains("ACTIVE");
            assertThat(members.memberState("999999999999")).as("an account of no organization we know").isEmpty();

            // What AWS answers a pipeline account that may not read the organization, or belongs to none (moto answers neither).
            aws.faults().reset();
            aws.faults().failNth("organizations:DescribeAccount", 1, "AccessDeniedException", 400);
            aws.faults().failNth("organizations:DescribeAccount", 2, "AWSOrganizationsNotInUseException", 400);
            try {
                assertThatThrownBy(() -> members.memberState(member)).isInstanceOf(AwsCallFailedException.class)
                        .hasMessageContaining("AccessDenied").hasMessageContaining("management account or a delegated administrator");
                assertThatThrownBy(() -> members.memberState(member)).isInstanceOf(AwsCallFailedException.class)
                        .hasMessageContaining("belongs to no AWS Organization").hasMessageContaining("use DistributionAccountScope=Allowlist");
            } finally {
                aws.faults().reset();
            }
        }
    }

    private Invocation invoke(Object payload) {
        return aws.functions().invoke("Distribution-validate", Json.write(payload).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean exists(SsmClient ssm, String name) {
        try {
            ssm.getParameter(r -> r.name(name));
            return true;
        } catch (ParameterNotFoundException e) {
            return false;
        }
    }
}
