package io.gilder.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.domain.BuildRequest;
import io.gilder.domain.NamedVersion;
import io.gilder.domain.ScanPolicy;
import io.gilder.domain.Script;
import io.gilder.domain.StepCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The payloads the state machine sends reach the handlers' records intact, read as the Lambda
 * runtime reads them (Jackson, unknown fields ignored); the request is the one validate-build-request wrote.
 */
class InstanceHandlerInputsTest {

    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final BuildRequest request = new BuildRequest("ami-1", new NamedVersion("WebServer", "1.0"),
            new NamedVersion("AmazonLinux", "2023"), "7", "t3.medium", new Script(Script.Kind.S3, "s3://b/pre.sh"), null,
            List.of("nginx"), List.of("kernel*"), "qualys", new ScanPolicy(3, List.of("38739")), 72, "/GoldenAMI/x");

    @Test
    void launchAndRunBuildStepReadTheValidatedRequest() throws Exception {
        String requestJson = json.writeValueAsString(request);

        LaunchInstanceHandler.Input launch = json.readValue("{\"executionArn\":\"arn:x\",\"role\":\"builder\",\"imageId\":\"ami-1\",\"request\":"
                + requestJson + "}", LaunchInstanceHandler.Input.class);
        RunBuildStepHandler.Input step = json.readValue("{\"executionArn\":\"arn:x\",\"instanceId\":\"i-1\",\"step\":\"pre-update\",\"request\":"
                + requestJson + ",\"pollSeconds\":30}", RunBuildStepHandler.Input.class);

        assertThat(launch).isEqualTo(new LaunchInstanceHandler.Input("arn:x", "builder", "ami-1", request));
        assertThat(step.request()).isEqualTo(request);
    }

    @Test
    void checksReadTheirLoopState() throws Exception {
        assertThat(json.readValue("{\"instanceId\":\"i-1\",\"until\":\"managed\",\"attempt\":2}", CheckInstanceHandler.Input.class))
                .isEqualTo(new CheckInstanceHandler.Input("i-1", "managed", 2));
        assertThat(json.readValue("{\"commandId\":null,\"instanceId\":\"i-1\",\"step\":\"post-update\",\"attempt\":0}",
                CheckCommandHandler.Input.class)).isEqualTo(new CheckCommandHandler.Input(null, "i-1", "post-update", 0));
    }

    @Test
    void aSkippedStepIsWrittenWithAnExplicitNullCommand() throws Exception {
        assertThat(json.writeValueAsString(new StepCommand(null, "pre-update", true)))
                .isEqualTo("{\"commandId\":null,\"step\":\"pre-update\",\"skipped\":true}");
    }
}
