package io.gilder.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.Executions;
import io.gilder.local.LocalAws;
import io.gilder.local.LocalStack;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SsmException;

/** The local endpoint itself: fault injection in each protocol, the call log, and pass-through to moto. */
@ExtendWith(LocalAws.class)
class GatewayTest {

    private LocalStack aws;
    private String sourceImage;

    @BeforeEach
    void setUp(LocalStack aws) {
        this.aws = aws;
        try (Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            sourceImage = ec2.describeImages(r -> r.owners("amazon").filters(
                    f -> f.name("state").values("available"), f -> f.name("root-device-type").values("ebs"))).images().stream()
                    .filter(i -> i.platform() == null).reduce((first, last) -> last).orElseThrow().imageId();
        }
        aws.faults().reset();
    }

    @Test
    void theNthCallFailsWithTheChosenCodeInTheServicesOwnProtocol() {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder()); SsmClient ssm = aws.client(SsmClient.builder())) {
            aws.faults().failNth("ec2:DescribeRegions", 2, "UnauthorizedOperation", 403);
            aws.faults().failNth("ssm:GetParameter", 1, "AccessDeniedException", 400);

            assertThat(ec2.describeRegions().regions()).isNotEmpty();
            Ec2Exception ec2Error = org.junit.jupiter.api.Assertions.assertThrows(Ec2Exception.class, ec2::describeRegions);
            assertThat(ec2Error.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(ec2.describeRegions().regions()).as("only the 2nd call fails").isNotEmpty();

            SsmException ssmError = org.junit.jupiter.api.Assertions.assertThrows(SsmException.class,
                    () -> ssm.getParameter(r -> r.name("/nope")));
            assertThat(ssmError.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        }
        assertThat(aws.faults().calls()).containsExactly("ec2:DescribeRegions", "ec2:DescribeRegions", "ec2:DescribeRegions", "ssm:GetParameter");
        assertThat(aws.faults().fired()).hasSize(2);
    }

    @Test
    void aLostAnswerIsAppliedAndARetryWithTheSameClientTokenLaunchesNoSecondInstance() {
        String token = "gateway-test-" + java.util.UUID.randomUUID();
        try (Ec2Client ec2 = aws.client(Ec2Client.builder().overrideConfiguration(c -> c.retryStrategy(
                software.amazon.awssdk.core.retry.RetryMode.STANDARD)))) {
            aws.faults().add(Faults.appliedThenLost("ec2:RunInstances", 1));
            String launched = ec2.runInstances(r -> r.imageId(sourceImage).instanceType("t3.micro").minCount(1).maxCount(1)
                    .clientToken(token).tagSpecifications(t -> t.resourceType("instance").tags(tag -> tag.key("token").value(token))))
                    .instances().get(0).instanceId();

            assertThat(aws.faults().fired()).singleElement().extracting(Faults.Rule::kind).isEqualTo("applied, answer lost");
            assertThat(aws.faults().calls()).as("the SDK retried the lost answer").containsExactly("ec2:RunInstances", "ec2:RunInstances");
            assertThat(ec2.describeInstances(r -> r.filters(f -> f.name("tag:token").values(token))).reservations()
                    .stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()).distinct())
                    .as("one instance for one client token").containsExactly(launched);
            ec2.terminateInstances(r -> r.instanceIds(launched));
        }
    }

    @Test
    void throttlingIsAnsweredInEachProtocolsOwnWayAndTheSdkRetriesIt() {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder()); SsmClient ssm = aws.client(SsmClient.builder())) {
            aws.faults().add(Faults.throttled("ec2:DescribeRegions", 1));
            aws.faults().add(Faults.throttled("ssm:GetParametersByPath", 1));
            aws.faults().add(Faults.serverError("ssm:GetParametersByPath", 2));

            assertThat(ec2.describeRegions().regions()).isNotEmpty();
            ssm.getParametersByPath(r -> r.path("/GoldenAMI"));

            assertThat(aws.faults().fired()).extracting(Faults.Rule::kind).containsExactly("throttled", "throttled", "server error");
            assertThat(aws.faults().calls()).containsExactly("ec2:DescribeRegions", "ec2:DescribeRegions",
                    "ssm:GetParametersByPath", "ssm:GetParametersByPath", "ssm:GetParametersByPath");
        }
    }

    @Test
    void aFaultInsideAHandlerFailsTheExecutionWithANamedTerminalError() {
        aws.faults().failNth("ec2:DescribeImages", 1, "UnauthorizedOperation", 403);
        Executions.Result result = runValidation();

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.AwsCallFailedException");
        assertThat(result.cause()).contains("ec2:DescribeImages failed with UnauthorizedOperation");
    }

    @Test
    void aThrottledCallInsideAHandlerIsRetriedByTheStateMachine() {
        // The SDK retries throttling itself (3 attempts); the state machine's Retry covers what remains.
        for (int attempt = 1; attempt <= 3; attempt++) {
            aws.faults().failNth("ssm:GetParameter", attempt, "ThrottlingException", 400);
        }
        // Stops the build right after validation (the launch is refused) so the test needs no approval.
        aws.faults().failNth("ec2:RunInstances", 1, "UnauthorizedOperation", 403);
        Executions.Result result = runValidation();

        assertThat(result.stateOutput("Validate Build Request")).as("validation succeeded on its retry").isPresent();
        assertThat(result.statesEntered()).contains("Launch Builder Instance");
        assertThat(result.history().stream().filter(e -> e.taskFailedEventDetails() != null)
                .map(e -> e.taskFailedEventDetails().error())).as(result.history().toString())
                .containsExactly("io.gilder.error.AwsTransientException", "io.gilder.error.AwsCallFailedException");
        assertThat(aws.faults().calls().stream().filter("ssm:GetParameter"::equals)).hasSize(4);
    }

    /**
     * EC2 speaks a query protocol: every call is a POST to "/" and only its {@code Action} form field names it. An action
     * answered elsewhere ({@code ec2:EnableImageDeprecation}, which moto lacks) reaches WireMock; the other EC2 calls on
     * the same path still reach moto.
     */
    @Test
    void anEc2ActionAnsweredElsewhereIsRoutedByItsActionFieldAndTheRestStillReachMoto() {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            java.time.Instant at = java.time.Instant.parse("2031-01-02T03:04:00Z");
            ec2.enableImageDeprecation(r -> r.imageId("ami-0feedfacecafe0001").deprecateAt(at));

            assertThat(aws.imageDeprecations().of("ami-0feedfacecafe0001")).singleElement()
                    .satisfies(d -> assertThat(d.deprecateAt()).isEqualTo(at)).satisfies(d -> assertThat(d.region()).isEqualTo(LocalNames.REGION));
            assertThat(ec2.describeImages(r -> r.imageIds(sourceImage)).images()).as("DescribeImages still answered by moto").hasSize(1);
        }
        assertThat(aws.faults().calls()).containsExactly("ec2:EnableImageDeprecation", "ec2:DescribeImages");
    }

    @Test
    void requestsWithoutAwsSignaturePassThroughToMoto() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(aws.endpoint().resolve("/moto-api/data.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(aws.faults().calls()).isEmpty();
    }

    private Executions.Result runValidation() {
        String image = sourceImage;
        try (SfnClient sfn = aws.client(SfnClient.builder())) {
            return Executions.run(sfn, aws.deployment().ref("BuildGoldenAmiStateMachine"), "gw-" + UUID.randomUUID(),
                    Json.write(Map.of("sourceAmiId", image, "productName", "Gateway-1.0", "productOSAndVersion", "Ubuntu-14.04",
                            "buildVersion", "1")), Duration.ofSeconds(90));
        }
    }
}
