package io.gilder.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.gilder.build.CommandChecks;
import io.gilder.build.CommandOutcome;
import io.gilder.error.AwsTransientException;
import io.gilder.error.BuildCommandFailedException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SSM adapter's reading side over real HTTP with the real SDK, against WireMock answering the
 * SSM JSON protocol. Why not moto: it has no DescribeInstanceInformation, and its Run Command reports
 * every invocation as Success, so neither "not yet managed" nor a failing build step can be shown there.
 */
class SsmCommandRunnerTest {

    private static final WireMockServer SSM = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private static SsmClient client;
    private static SsmCommandRunner runner;

    @BeforeAll
    static void start() {
        SSM.start();
        client = SsmClient.builder().endpointOverride(URI.create(SSM.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        runner = new SsmCommandRunner(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        SSM.stop();
    }

    @AfterEach
    void reset() {
        SSM.resetAll();
    }

    private static void answer(String operation, int status, String body) {
        SSM.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body)));
    }

    @Test
    void anInstanceIsManagedOnlyWhenItsAgentIsOnline() {
        answer("DescribeInstanceInformation", 200, "{\"InstanceInformationList\":[{\"InstanceId\":\"i-1\",\"PingStatus\":\"Online\"}]}");
        assertThat(runner.isManaged("i-1")).isTrue();
        SSM.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.DescribeInstanceInformation"))
                .withRequestBody(equalToJson("{\"Filters\":[{\"Key\":\"InstanceIds\",\"Values\":[\"i-1\"]}]}")));

        answer("DescribeInstanceInformation", 200, "{\"InstanceInformationList\":[{\"InstanceId\":\"i-1\",\"PingStatus\":\"ConnectionLost\"}]}");
        assertThat(runner.isManaged("i-1")).as("connection lost").isFalse();

        answer("DescribeInstanceInformation", 200, "{\"InstanceInformationList\":[]}");
        assertThat(runner.isManaged("i-1")).as("not registered yet").isFalse();
    }

    @Test
    void aFailedInvocationCarriesItsExitCodeAndOutput() {
        answer("GetCommandInvocation", 200, """
                {"CommandId":"c-1","InstanceId":"i-1","Status":"Failed","StatusDetails":"Failed","ResponseCode":100,
                 "StandardOutputContent":"Reading package lists...\\n","StandardErrorContent":"E: Unable to locate package nginx\\n"}""");

        assertThat(runner.outcome("c-1", "i-1")).isEqualTo(new CommandOutcome("Failed", 100, "Reading package lists...\n",
                "E: Unable to locate package nginx\n"));
        assertThatThrownBy(() -> new CommandChecks(runner, 10).check("c-1", "i-1", "package-update", 0))
                .isInstanceOf(BuildCommandFailedException.class)
                .hasMessageStartingWith("Build step package-update on i-1 ended Failed with exit code 100")
                .hasMessageContaining("E: Unable to locate package nginx").hasMessageContaining("Reading package lists...");
        SSM.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetCommandInvocation"))
                .withRequestBody(equalToJson("{\"CommandId\":\"c-1\",\"InstanceId\":\"i-1\"}")));
    }

    @Test
    void aTimedOutInvocationWithoutOutputIsAFailureToo() {
        answer("GetCommandInvocation", 200, "{\"CommandId\":\"c-1\",\"InstanceId\":\"i-1\",\"Status\":\"TimedOut\",\"ResponseCode\":-1}");

        assertThatThrownBy(() -> new CommandChecks(runner, 10).check("c-1", "i-1", "post-update", 0))
                .isInstanceOf(BuildCommandFailedException.class)
                .hasMessage("Build step post-update on i-1 ended TimedOut without an exit code");
    }

    @Test
    void anInvocationNotYetRecordedIsPending() {
        answer("GetCommandInvocation", 400, "{\"__type\":\"InvocationDoesNotExist\",\"message\":\"no invocation\"}");

        assertThat(runner.outcome("c-1", "i-1")).isEqualTo(CommandOutcome.pending());
    }

    @Test
    void throttlingIsRetryable() {
        answer("GetCommandInvocation", 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");

        assertThatThrownBy(() -> runner.outcome("c-1", "i-1")).isInstanceOf(AwsTransientException.class)
                .hasMessage("ssm:GetCommandInvocation failed with ThrottlingException: Rate exceeded");
    }
}
