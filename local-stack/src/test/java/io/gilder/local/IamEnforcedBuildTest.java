package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.QualysFake;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The IAM policies of template.yaml, exercised: a stack of its own with moto's IAM enforcement on, where every function
 * calls AWS with session credentials of a role of its own holding exactly its template statements (as
 * {@link io.gilder.local.deployer.FunctionRoles} rewrites them for moto: actions are evaluated; resources only for S3,
 * SQS, IAM and STS; conditions not at all, which {@code LeastPrivilegeTemplateTest} covers). A build runs end to end to a
 * registered golden image with every function held to its own role, and the same build fails at its first state when the
 * validation function's role lacks one action it needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamEnforcedBuildTest {

    private static final Duration RUN = Duration.ofMinutes(3);

    private LocalStack aws;
    private Builds builds;
    private Ec2Client ec2;
    private String sourceAmi;
    private long startedNanos;

    @BeforeAll
    void start() {
        startedNanos = System.nanoTime();
        aws = LocalStack.start(LocalStack.Options.defaults(LocalAws.root()).withIamEnforced());
        System.out.printf("IamEnforcedBuildTest: stack with %d function roles started in %d ms%n",
                aws.deployment().roles().count(), (System.nanoTime() - startedNanos) / 1_000_000);
        builds = new Builds(aws);
        ec2 = aws.client(Ec2Client.builder());
        sourceAmi = LocalImages.amazonLinux(ec2);
    }

    @AfterAll
    void stop() {
        if (aws != null) {
            builds.close();
            ec2.close();
            aws.close();
        }
        System.out.printf("IamEnforcedBuildTest: stack start, all tests and stop in %d ms%n", (System.nanoTime() - startedNanos) / 1_000_000);
    }

    @Test
    void aFunctionsKeyIsItsOwnRolesAndMotoRefusesWhatTheRoleDoesNotGrant() {
        Map<String, String> environment = aws.functions().environmentOf(aws.functions().spec("ValidateBuildRequestFunction"));
        AwsSessionCredentials key = AwsSessionCredentials.create(environment.get("AWS_ACCESS_KEY_ID"),
                environment.get("AWS_SECRET_ACCESS_KEY"), environment.get("AWS_SESSION_TOKEN"));
        try (StsClient sts = StsClient.builder().endpointOverride(aws.endpoint()).region(Region.of(LocalNames.REGION))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(StaticCredentialsProvider.create(key)).build();
                SsmClient ssm = SsmClient.builder().endpointOverride(aws.endpoint()).region(Region.of(LocalNames.REGION))
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(StaticCredentialsProvider.create(key)).build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + LocalNames.ACCOUNT
                    + ":assumed-role/gilder-ValidateBuildRequestFunction/ValidateBuildRequestFunction");
            // Validation reads the registry (ssm:GetParameter: the key is good, the parameter missing); it never writes it.
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/GoldenAMI/AmazonLinux-2023/NoSuchProduct/1")))
                    .isInstanceOf(ParameterNotFoundException.class);
            assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/GoldenAMI/forged").value("ami-0123456789abcdef0")
                    .type(ParameterType.STRING))).isInstanceOfSatisfying(SsmException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
            try (SsmClient admin = aws.client(SsmClient.builder())) {
                assertThatThrownBy(() -> admin.getParameter(r -> r.name("/GoldenAMI/forged"))).as("nothing was written")
                        .isInstanceOf(ParameterNotFoundException.class);
            }
        }
    }

    @Test
    void aBuildRunsToARegisteredGoldenImageAndIsDistributedWithEveryFunctionHeldToItsOwnRole() {
        aws.qualys(QualysFake.Options.defaults());
        long building = System.nanoTime();
        String product = unique("Enforced");
        String arn = builds.start(name(), request(product));

        String link = builds.awaitApprovalMail(arn, product, RUN).orElseThrow(() -> new AssertionError(
                "no approval e-mail; execution ended: " + builds.await(arn, Duration.ofSeconds(5)).cause())).link().orElseThrow();
        assertThat(builds.decide(link, "APPROVED", "Jane Doe", "enforced").statusCode()).isEqualTo(200);
        Executions.Result result = builds.await(arn, RUN);

        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statesEntered()).containsSubsequence("Validate Build Request", "Launch Builder Instance",
                "Run Build Steps", "Create Candidate Image", "Launch Test Instance", "Start Scan", "Collect Findings",
                "Evaluate Scan Policy", "Request Approval", "Register Golden Image", "Golden Image Registered");
        String imageId = Json.read(result.output()).at("/registered/imageId").asText();
        String parameter = "/GoldenAMI/AmazonLinux-2023/" + product + "/1";
        try (SsmClient ssm = aws.client(SsmClient.builder())) {
            assertThat(ssm.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(imageId);
        }

        // Then distributed to one child account in the pipeline's region: the pipeline's distribution functions each under
        // their own role, and in the child account under the template's CrossAccountRole they assume (evaluated too).
        long distributing = System.nanoTime();
        String child = LocalNames.CHILD_ACCOUNTS.get(0);
        Executions.Result distributed = GoldenImages.run(aws, "DistributeGoldenAmiStateMachine", Map.of("productName", product,
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1",
                "targets", List.of(Map.of("accountId", child, "regions", List.of(LocalNames.REGION)))));

        assertThat(distributed.status()).as(distributed.error() + ": " + distributed.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        try (SsmClient childSsm = aws.clientInAccount(child, SsmClient.builder())) {
            assertThat(childSsm.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(imageId);
            assertThat(childSsm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")).contains(imageId);
        }
        System.out.printf("IamEnforcedBuildTest: build %d ms, distribution %d ms%n", (distributing - building) / 1_000_000,
                (System.nanoTime() - distributing) / 1_000_000);
    }

    @Test
    void aBuildFailsAtValidationWhenItsRoleLacksEc2DescribeImages() throws Exception {
        Executions.Result result;
        long started = System.nanoTime();
        try (AutoCloseable withheld = aws.deployment().roles().withhold("ValidateBuildRequestFunction", "ec2:DescribeImages")) {
            result = builds.await(builds.start(name(), request(unique("Withheld"))), RUN);
        }

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.statesEntered()).contains("Validate Build Request").doesNotContain("Launch Builder Instance");
        assertThat(result.cause()).contains("ec2:DescribeImages failed with AccessDenied")
                .contains("assumed-role/gilder-ValidateBuildRequestFunction/").contains("is not authorized to perform: ec2:DescribeImages");
        System.out.printf("IamEnforcedBuildTest: refused build %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private Map<String, Object> request(String product) {
        return new LinkedHashMap<>(Map.of("sourceAmiId", sourceAmi, "productName", product,
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1", "instanceType", "t3.medium"));
    }

    private static String unique(String product) {
        return product + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
    }

    private static String name() {
        return "build-" + UUID.randomUUID();
    }
}
