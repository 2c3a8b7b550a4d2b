package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.Json;
import java.net.URI;

/**
 * Plays the SSM agent where moto cannot: moto has no {@code DescribeInstanceInformation} (so every
 * instance is reported Online here, as a booted agent would make it), and reports every command as
 * Success (so a test that needs a failing build step makes {@code GetCommandInvocation} answer
 * Failed with an exit code and output). Answers follow SSM's JSON protocol, over real HTTP.
 * Nothing a test asserts depends on the Online answer itself.
 */
public final class SsmAgentFake {

    private static final String DESCRIBE = "ssm:DescribeInstanceInformation";
    private static final String INVOCATION = "ssm:GetCommandInvocation";

    private final WireMockServer wiremock;
    private final Gateway gateway;
    private StubMapping failing;

    public SsmAgentFake(WireMockServer wiremock, Gateway gateway) {
        this.wiremock = wiremock;
        this.gateway = gateway;
        wiremock.stubFor(ssm("DescribeInstanceInformation").willReturn(json("{\"InstanceInformationList\":[{"
                + "\"InstanceId\":\"{{jsonPath request.body '$.Filters[0].Values[0]'}}\",\"PingStatus\":\"Online\","
                + "\"PlatformType\":\"Linux\",\"AgentVersion\":\"3.3.0.0\"}]}")));
        gateway.answerElsewhere(DESCRIBE, URI.create(wiremock.baseUrl()));
    }

    /** From now on every build command ends Failed with {@code exitCode} and {@code stderr}. */
    public synchronized void failCommands(int exitCode, String stderr) {
        succeedCommands();
        failing = wiremock.stubFor(ssm("GetCommandInvocation").willReturn(json("{"
                + "\"CommandId\":\"{{jsonPath request.body '$.CommandId'}}\","
                + "\"InstanceId\":\"{{jsonPath request.body '$.InstanceId'}}\","
                + "\"DocumentName\":\"AWS-RunShellScript\",\"Status\":\"Failed\",\"StatusDetails\":\"Failed\","
                + "\"ResponseCode\":" + exitCode + ",\"StandardOutputContent\":\"Resolving dependencies...\\n\","
                + "\"StandardErrorContent\":" + Json.quote(stderr) + "}")));
        gateway.answerElsewhere(INVOCATION, URI.create(wiremock.baseUrl()));
    }

    /** Commands report what moto says again (Success). */
    public synchronized void succeedCommands() {
        gateway.answerByMoto(INVOCATION);
        if (failing != null) {
            wiremock.removeStub(failing);
            failing = null;
        }
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder ssm(String operation) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(body).withTransformers("response-template");
    }
}
