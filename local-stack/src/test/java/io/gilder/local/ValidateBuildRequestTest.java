package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The first state of build-golden-ami through the real path: an execution on the emulator, moto's
 * interpreter invoking the real handler in the real function.zip through the local Lambda endpoint,
 * and the handler calling EC2 and SSM on the emulator.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidateBuildRequestTest {

    private static final String REGISTERED_VERSION = "7";
    private static final List<String> READ_ONLY = List.of("ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ssm:GetParameter",
            "ec2:GetEbsEncryptionByDefault", "ec2:GetEbsDefaultKmsKeyId", "kms:DescribeKey");

    private LocalStack aws;
    private SfnClient sfn;
    private Ec2Client ec2;
    private String stateMachine;
    private Images images;

    /** Source AMIs of each kind, taken from the emulator's public image catalog. */
    record Images(String linuxEbs, String windows, String instanceStore, String disabled) {}

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        sfn = aws.client(SfnClient.builder());
        ec2 = aws.client(Ec2Client.builder());
        stateMachine = aws.deployment().ref("BuildGoldenAmiStateMachine");
        List<Image> catalog = ec2.describeImages(r -> r.owners("amazon")).images();
        Function<java.util.function.Predicate<Image>, String> pick = p -> catalog.stream().filter(p).findFirst().orElseThrow().imageId();
        String linux = pick.apply(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString()) && i.name().contains("amzn"));
        String disabled = catalog.stream().filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString()))
                .map(Image::imageId).filter(id -> !id.equals(linux)).findFirst().orElseThrow();
        ec2.disableImage(r -> r.imageId(disabled));
        images = new Images(linux, pick.apply(i -> "windows".equals(i.platformAsString())),
                pick.apply(i -> "instance-store".equals(i.rootDeviceTypeAsString())), disabled);
        try (SsmClient ssm = aws.client(SsmClient.builder())) {
            ssm.putParameter(r -> r.name("/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + REGISTERED_VERSION)
                    .value(linux).type(ParameterType.STRING).dataType("aws:ec2:image"));
        }
    }

    @BeforeEach
    void resetCallLog() {
        aws.faults().reset();
    }

    @Test
    void aValidRequestIsNormalizedWithDefaultsAndTheSourceImageFacts() {
        JsonNode output = validated(request(Map.of("sourceAmiId", images.linuxEbs())));

        assertThat(output.at("/request/sourceAmiId").asText()).isEqualTo(images.linuxEbs());
        assertThat(output.at("/request/product/name").asText()).isEqualTo("WebServer");
        assertThat(output.at("/request/product/version").asText()).isEqualTo("1.0");
        assertThat(output.at("/request/os/name").asText()).isEqualTo("AmazonLinux");
        assertThat(output.at("/request/instanceType").asText()).as("stack default").isEqualTo("t3.medium");
        assertThat(output.at("/request/parameterName").asText()).isEqualTo("/GoldenAMI/AmazonLinux-2023/WebServer-1.0/1");
        assertThat(output.at("/sourceImage/imageId").asText()).isEqualTo(images.linuxEbs());
        assertThat(output.at("/sourceImage/rootDeviceType").asText()).isEqualTo("ebs");
        assertThat(output.at("/request/scanner").asText()).as("stack default").isEqualTo("qualys");
        assertThat(output.at("/request/approvalTimeoutSeconds").asLong()).as("stack default, 72 h").isEqualTo(72 * 3600);
        assertThat(output.at("/settings/approvalTimeoutSeconds").asLong()).isEqualTo(72 * 3600);
        assertThat(output.at("/settings/pollSeconds").asInt()).as("local stack parameter").isZero();
        assertThat(aws.faults().calls()).contains("lambda:Invoke", "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ssm:GetParameter");
    }

    @Test
    void optionalFieldsOverrideTheDefaults() {
        JsonNode request = validated(request(Map.of("sourceAmiId", images.linuxEbs(), "instanceType", "t3.large",
                "preUpdateScript", "s3://my-scripts/pre.sh#versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
                "postUpdateScript", "#!/bin/bash\necho hardened\n",
                "includePackages", List.of("nginx"), "excludePackages", List.of("kernel*"),
                "scanPolicy", Map.of("maxSeverity", 2), "approvalTimeout", "PT8H"))).get("request");
        assertThat(request.get("instanceType").asText()).isEqualTo("t3.large");
        assertThat(request.at("/preUpdateScript/kind").asText()).isEqualTo("S3");
        assertThat(request.at("/preUpdateScript/versionId").asText()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
        assertThat(request.at("/postUpdateScript/kind").asText()).isEqualTo("INLINE");
        assertThat(request.get("includePackages").toString()).isEqualTo("[\"nginx\"]");
        assertThat(request.get("excludePackages").toString()).isEqualTo("[\"kernel*\"]");
        assertThat(request.at("/scanPolicy/maxSeverity").asInt()).isEqualTo(2);
        assertThat(request.get("approvalTimeoutSeconds").asLong()).isEqualTo(8 * 3600);
    }

    /**
     * Runs a valid request and returns what "Validate Build Request" passed on. The launch that
     * follows is refused (an injected UnauthorizedOperation), so the build stops right there and
     * cleans up after itself.
     */
    private JsonNode validated(Object input) {
        aws.faults().failNth("ec2:RunInstances", 1, "UnauthorizedOperation", 403);
        AccountState before = AccountState.of(aws);
        Executions.Result result = run(input);

        assertThat(result.statesEntered()).startsWith("Validate Build Request", "Claim Build Version", "Announce Build Started", "Launch Builder Instance");
        assertThat(result.error()).isEqualTo("io.gilder.error.AwsCallFailedException");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
        return Json.read(result.stateOutput("Validate Build Request").orElseThrow());
    }

    static Stream<Arguments> invalidRequests() {
        String invalid = "io.gilder.error.InvalidRequestException";
        String ineligible = "io.gilder.error.IneligibleSourceImageException";
        return Stream.of(
                Arguments.of("missing sourceAmiId", without("sourceAmiId"), invalid, "sourceAmiId is required"),
                Arguments.of("blank productName", with("productName", "  "), invalid, "productName must not be blank"),
                Arguments.of("productName without version", with("productName", "WebServer"), invalid, "productName must be Name-Version"),
                Arguments.of("OS with spaces", with("productOSAndVersion", "Amazon Linux 2"), invalid, "productOSAndVersion must be Name-Version"),
                Arguments.of("buildVersion not numeric", with("buildVersion", "v1"), invalid, "buildVersion must be a version"),
                Arguments.of("buildVersion as a JSON number", with("buildVersion", 1), invalid, "buildVersion must be a JSON string, not a number"),
                Arguments.of("malformed AMI id", with("sourceAmiId", "ami-xyz"), invalid, "sourceAmiId must be an AMI id"),
                Arguments.of("unknown AMI", with("sourceAmiId", "ami-0000000000000000f"), ineligible, "sourceAmiId ami-0000000000000000f was not found"),
                Arguments.of("instance-store AMI", (Function<Images, Object>) i -> request(Map.of("sourceAmiId", i.instanceStore())), ineligible, "only EBS-backed"),
                Arguments.of("disabled AMI", (Function<Images, Object>) i -> request(Map.of("sourceAmiId", i.disabled())), ineligible, "must be 'available'"),
                Arguments.of("Windows AMI", (Function<Images, Object>) i -> request(Map.of("sourceAmiId", i.windows())), ineligible, "is a Windows image"),
                Arguments.of("version already registered", with("buildVersion", REGISTERED_VERSION),
                        "io.gilder.error.VersionAlreadyRegisteredException", "buildVersion 7 of WebServer-1.0 on AmazonLinux-2023 is already registered"),
                Arguments.of("plain http script", with("preUpdateScript", "http://example.com/pre.sh"), invalid, "preUpdateScript uses the URL scheme 'http'"),
                Arguments.of("ftp script", with("postUpdateScript", "ftp://example.com/post.sh"), invalid, "postUpdateScript uses the URL scheme 'ftp'"),
                Arguments.of("s3 script without key", with("preUpdateScript", "s3://bucket-only"), invalid, "preUpdateScript must be s3://bucket/key"),
                Arguments.of("unknown instance type", with("instanceType", "t9.huge"), invalid, "instanceType names an instance type EC2 does not offer"),
                Arguments.of("package list as a string", with("includePackages", "nginx"), invalid, "includePackages must be a JSON array of strings, not a string"),
                Arguments.of("shell in a package name", with("excludePackages", List.of("kernel; reboot")), invalid, "excludePackages[0] must be a package name"),
                Arguments.of("input is an array", (Function<Images, Object>) i -> List.of(request(Map.of())), invalid, "request must be a JSON object, not an array"),
                Arguments.of("misspelt field", with("sourceAMIId", "ami-12345678"), invalid, "sourceAMIId is not a known field"),
                // The gate: a request may only tighten the stack's policy, and takes only trusted, pinned inputs.
                Arguments.of("maxSeverity above the stack's", with("scanPolicy", Map.of("maxSeverity", 5)), invalid,
                        "scanPolicy.maxSeverity must be at most 4, the stack's MaxAllowedSeverity, not 5"),
                Arguments.of("ignored id the stack does not except", with("scanPolicy", Map.of("ignoredFindingIds", List.of("38739"))), invalid,
                        "scanPolicy.ignoredFindingIds[0] is 38739, which is not among the stack's FindingExceptions"),
                Arguments.of("allowUnscanned where the stack does not allow it", with("allowUnscanned", true), invalid,
                        "allowUnscanned may be true only when the stack's AllowUnscannedImages is true"),
                Arguments.of("https script without a digest", with("preUpdateScript", "https://example.com/pre.sh"), invalid,
                        "preUpdateScript must carry a sha256 pin"),
                Arguments.of("s3 script without a version", with("postUpdateScript", "s3://my-scripts/post.sh"), invalid,
                        "postUpdateScript must say which version of the object runs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void anInvalidRequestFailsWithANamedErrorBeforeAnythingIsCreated(String scenario, Function<Images, Object> input,
            String errorType, String message) {
        AccountState before = AccountState.of(aws);
        Executions.Result result = run(input.apply(images));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo(errorType);
        assertThat(Json.read(result.cause()).get("errorMessage").asText()).contains(message);
        assertThat(aws.faults().calls()).as("only reads reached AWS")
                .allMatch(call -> call.startsWith("lambda:") || call.startsWith("states:") || READ_ONLY.contains(call));
        assertThat(AccountState.of(aws).newSince(before)).as("nothing created").isEmpty();
    }

    /**
     * moto labels every image of its catalogue {@code ImageOwnerAlias=amazon} (AWS does not label Canonical's or
     * Marketplace images so) and cannot share an image across accounts, so this stack trusts only its own account
     * while the request names an image of Amazon's: the owner the stack does not trust is refused by name.
     */
    @Test
    void anImageOfAnOwnerTheStackDoesNotTrustIsRefusedBeforeAnythingIsCreated() {
        AccountState before = AccountState.of(aws);
        Executions.Result result;
        try (var onlySelf = aws.reconfigure("ValidateBuildRequestFunction", Map.of("GILDER_DEFAULTS_TRUSTED_IMAGE_OWNERS", "self"))) {
            result = run(request(Map.of("sourceAmiId", images.linuxEbs())));
        }

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.IneligibleSourceImageException");
        assertThat(Json.read(result.cause()).get("errorMessage").asText())
                .startsWith("sourceAmiId " + images.linuxEbs() + " is owned by ")
                .contains("(amazon), which is not among the stack's TrustedImageOwners (self)");
        assertThat(result.statesEntered()).containsExactly("Validate Build Request");
        assertThat(AccountState.of(aws).newSince(before)).as("nothing created").isEmpty();
    }

    private Executions.Result run(Object input) {
        return Executions.run(sfn, stateMachine, "validate-" + UUID.randomUUID(), Json.write(input), Duration.ofSeconds(90));
    }

    private static Map<String, Object> request(Map<String, Object> overrides) {
        Map<String, Object> request = new java.util.LinkedHashMap<>(Map.of(
                "productName", "WebServer-1.0", "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1"));
        request.putAll(overrides);
        return request;
    }

    private static Function<Images, Object> with(String field, Object value) {
        return i -> {
            Map<String, Object> r = request(Map.of("sourceAmiId", i.linuxEbs()));
            r.put(field, value);
            return r;
        };
    }

    private static Function<Images, Object> without(String field) {
        return i -> {
            Map<String, Object> r = request(Map.of("sourceAmiId", i.linuxEbs()));
            r.remove(field);
            return r;
        };
    }
}
