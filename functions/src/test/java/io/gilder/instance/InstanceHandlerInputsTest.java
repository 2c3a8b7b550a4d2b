package io.gilder.instance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.build.BuildRequest;
import io.gilder.build.CheckCommandHandler;
import io.gilder.build.RunBuildStepHandler;
import io.gilder.build.ScanPolicy;
import io.gilder.build.Script;
import io.gilder.build.StepCommand;
import io.gilder.registry.NamedVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void theSubFlowsLaunchReadsTheSubjectAsTheRescanWritesIt() throws Exception {
        LaunchInstanceHandler.Input in = json.readValue("""
                {"executionArn":"arn:aws:states:us-east-1:1:execution:R/child","subject":{"imageId":"ami-9","role":"rescan",
                 "os":"AmazonLinux-2023","product":"WebServer-1.2","version":"7","instanceType":"t3.small","scanner":"qualys",
                 "tags":{"continuous-assessment-instance":"true","gilder:rescan-run":"arn:run"},"imageTags":{"Team":"web","aws:x":"y"}}}
                """, LaunchInstanceHandler.Input.class);
        FakeInstanceFleet fleet = new FakeInstanceFleet();

        assertThat(new LaunchInstanceHandler(fleet).handleRequest(in, null).instanceId()).isEqualTo("i-1");
        InstanceLaunch launch = fleet.launched.get(0);
        assertThat(launch.imageId()).isEqualTo("ami-9");
        assertThat(launch.instanceType()).isEqualTo("t3.small");
        assertThat(launch.tags()).containsEntry("continuous-assessment-instance", "true").containsEntry("gilder:role", "rescan")
                .containsEntry("gilder:rescan-run", "arn:run").containsEntry("Team", "web").doesNotContainKey("aws:x");
    }

    @Test
    void terminatingWithoutAnInstanceIdCallsNothing() throws Exception {
        FakeInstanceFleet fleet = new FakeInstanceFleet();
        TerminateInstanceHandler terminate = new TerminateInstanceHandler(fleet);

        assertThat(terminate.handleRequest(json.readValue("{}", InstanceRef.class), null)).isEqualTo(new InstanceRef(null));
        assertThat(terminate.handleRequest(new InstanceRef("i-7"), null)).isEqualTo(new InstanceRef("i-7"));
        assertThat(fleet.terminated).containsExactly("i-7");
    }
}
