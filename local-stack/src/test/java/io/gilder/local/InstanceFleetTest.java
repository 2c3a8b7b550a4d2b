package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.aws.Ec2InstanceFleet;
import io.gilder.aws.SsmCommandRunner;
import io.gilder.build.BuildRequest;
import io.gilder.build.ScanPolicy;
import io.gilder.build.ShellCommand;
import io.gilder.instance.InstanceLaunch;
import io.gilder.instance.LaunchedInstance;
import io.gilder.registry.NamedVersion;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;

/**
 * The EC2 instance adapter with the real SDK against moto: where and how an instance is launched,
 * idempotent launch, stop and terminate. Also what the SSM adapter sends (moto records commands
 * faithfully; their outcome it fakes, see SsmCommandRunnerTest in functions for that side).
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceFleetTest {

    private Ec2Client ec2;
    private SsmClient ssm;
    private Ec2InstanceFleet fleet;
    private String subnetId;
    private String securityGroupId;
    private String imageId;
    private final String profile = "gilder-builder-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void setUp(LocalStack aws) {
        ec2 = aws.client(Ec2Client.builder());
        ssm = aws.client(SsmClient.builder());
        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        subnetId = ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.42.1.0/24")).subnet().subnetId();
        securityGroupId = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("gilder-builder-" + vpcId)
                .description("no ingress")).groupId();
        try (IamClient iam = aws.client(IamClient.builder())) {
            iam.createInstanceProfile(r -> r.instanceProfileName(profile));
        }
        imageId = ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString())).findFirst().orElseThrow().imageId();
        fleet = new Ec2InstanceFleet(ec2, subnetId, securityGroupId, profile);
    }

    @AfterAll
    void close() {
        ec2.close();
        ssm.close();
    }

    private InstanceLaunch launchOf(String executionArn, String role) {
        BuildRequest request = new BuildRequest(imageId, new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"),
                "3", "t3.micro", null, null, List.of(), List.of(), "none", new ScanPolicy(3, List.of()), 72,
                "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/3");
        return InstanceLaunch.of(executionArn, role, imageId, request);
    }

    private static String execution() {
        return "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:" + UUID.randomUUID();
    }

    private Instance instance(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    private List<Instance> instancesOf(String executionArn) {
        return ec2.describeInstances(r -> r.filters(Filter.builder().name("tag:gilder:execution").values(executionArn).build()))
                .reservations().stream().flatMap(res -> res.instances().stream()).toList();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void anInstanceIsLaunchedPrivateWithImdsV2OnlyAndTheBuilderProfile() {
        LaunchedInstance launched = fleet.launch(launchOf(execution(), "builder"));

        Instance instance = instance(launched.instanceId());
        assertThat(launched.privateIp()).isNotBlank().isEqualTo(instance.privateIpAddress()).startsWith("10.42.1.");
        assertThat(instance.publicIpAddress()).as("no public address").isNull();
        assertThat(instance.subnetId()).isEqualTo(subnetId);
        assertThat(instance.networkInterfaces()).singleElement().satisfies(nic -> {
            assertThat(nic.groups()).extracting(g -> g.groupId()).containsExactly(securityGroupId);
            assertThat(nic.association() == null ? null : nic.association().publicIp()).as("no public address").isNull();
        });
        assertThat(instance.imageId()).isEqualTo(imageId);
        assertThat(instance.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(instance.metadataOptions().httpTokens()).isEqualTo(HttpTokensState.REQUIRED);
        assertThat(instance.metadataOptions().httpPutResponseHopLimit()).isEqualTo(1);
        assertThat(instance.iamInstanceProfile().arn()).endsWith("instance-profile/" + profile);
    }

    @Test
    void theInstanceAndItsVolumesCarryTheExecutionTags() {
        String executionArn = execution();
        LaunchedInstance launched = fleet.launch(launchOf(executionArn, "test"));

        Map<String, String> expected = Map.of("gilder:execution", executionArn, "gilder:role", "test", "Product", "WebServer-1.0",
                "OS", "AmazonLinux-2023", "Version", "3", "Name", "gilder-test WebServer-1.0 AmazonLinux-2023 build 3");
        assertThat(tags(instance(launched.instanceId()).tags())).containsAllEntriesOf(expected);
        List<Volume> volumes = ec2.describeVolumes(r -> r.filters(Filter.builder().name("attachment.instance-id")
                .values(launched.instanceId()).build())).volumes();
        assertThat(volumes).isNotEmpty().allSatisfy(v -> assertThat(tags(v.tags())).containsAllEntriesOf(expected));
    }

    @Test
    void aRetriedLaunchReturnsTheSameInstanceAndAnotherRoleGetsItsOwn() {
        String executionArn = execution();
        LaunchedInstance first = fleet.launch(launchOf(executionArn, "builder"));

        assertThat(fleet.launch(launchOf(executionArn, "builder"))).isEqualTo(first);
        assertThat(instancesOf(executionArn)).hasSize(1);
        assertThat(fleet.launch(launchOf(executionArn, "test")).instanceId()).isNotEqualTo(first.instanceId());
        assertThat(instancesOf(executionArn)).hasSize(2);
    }

    @Test
    void stopAndTerminateAreIdempotent() {
        String instanceId = fleet.launch(launchOf(execution(), "builder")).instanceId();
        assertThat(fleet.describe(instanceId)).hasValueSatisfying(f -> assertThat(f.state()).isEqualTo("running"));

        fleet.stop(instanceId);
        fleet.stop(instanceId);
        assertThat(instance(instanceId).state().name()).isEqualTo(InstanceStateName.STOPPED);

        fleet.terminate(instanceId);
        fleet.terminate(instanceId);
        assertThat(instance(instanceId).state().name()).isEqualTo(InstanceStateName.TERMINATED);
        assertThat(fleet.describe(instanceId)).hasValueSatisfying(f -> assertThat(f.isLost()).isTrue());
    }

    @Test
    void anUnknownInstanceIsAbsentAndNeedsNoStoppingOrTerminating() {
        String unknown = "i-0123456789abcdef0";

        assertThat(fleet.describe(unknown)).isEmpty();
        fleet.stop(unknown);
        fleet.terminate(unknown);
    }

    @Test
    void aLaunchWithoutTheBuilderSettingsNamesTheMissingVariable() {
        Ec2InstanceFleet unconfigured = new Ec2InstanceFleet(ec2, subnetId, null, profile);

        assertThatThrownBy(() -> unconfigured.launch(launchOf(execution(), "builder")))
                .hasMessageContaining("GILDER_BUILDER_SECURITY_GROUP_ID is not set");
    }

    @Test
    void aStepIsSentOnceAsRunShellScriptEvenWhenTheSendIsRetried() {
        String instanceId = fleet.launch(launchOf(execution(), "builder")).instanceId();
        SsmCommandRunner runner = new SsmCommandRunner(ssm);
        ShellCommand command = new ShellCommand(instanceId, "Gilder pre-update for run-1", List.of("set -eu", "echo hi"), 3600);

        String commandId = runner.send(command);

        assertThat(runner.send(command)).isEqualTo(commandId);
        List<Command> sent = ssm.listCommands(r -> r.instanceId(instanceId)).commands();
        assertThat(sent).singleElement().satisfies(c -> {
            assertThat(c.documentName()).isEqualTo("AWS-RunShellScript");
            assertThat(c.comment()).isEqualTo("Gilder pre-update for run-1");
            assertThat(c.parameters()).containsEntry("commands", List.of("set -eu", "echo hi"))
                    .containsEntry("executionTimeout", List.of("3600"));
        });
        String other = runner.send(new ShellCommand(instanceId, "Gilder post-update for run-1", List.of("echo bye"), 3600));
        assertThat(other).isNotEqualTo(commandId);
    }
}
