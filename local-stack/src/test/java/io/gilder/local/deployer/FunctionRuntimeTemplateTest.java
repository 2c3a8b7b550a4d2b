package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.LocalAws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FunctionRuntime (issue 17, README "Native runtime") is one choice for both templates: resolved as CloudFormation and
 * `sam build` resolve it, every function and the code layer follow it. jvm: java21 with SnapStart on the pipeline's
 * published versions, the JVM flags, the layer built by functions/Makefile. native: provided.al2023 (which runs the
 * layer's /opt/bootstrap), no SnapStart and no JVM flags, signal handlers left to Lambda, the layer built by
 * functions/native/Makefile. tools/check-native-choice.sh runs `sam build` with the native choice itself.
 */
class FunctionRuntimeTemplateTest {

    private static final Path ROOT = LocalAws.root();

    @ParameterizedTest(name = "{0} with FunctionRuntime={1}")
    @CsvSource({
        "template.yaml, jvm, GilderCodeLayer, true",
        "template.yaml, native, GilderCodeLayer, true",
        "child-account/template.yaml, jvm, CodeLayer, false",
        "child-account/template.yaml, native, CodeLayer, false",
    })
    void everyFunctionAndTheCodeLayerFollowTheChoice(String file, String runtime, String layer, boolean snapStart) throws IOException {
        SamTemplate template = SamTemplate.read(ROOT.resolve(file));
        Intrinsics intrinsics = intrinsics(template, runtime);
        boolean nativeRuntime = runtime.equals("native");

        Map<String, Object> layerProps = map(intrinsics.resolve(template.properties(layer), layer));
        String contentUri = String.valueOf(layerProps.get("ContentUri"));
        assertThat(contentUri).isEqualTo(prefix(file) + (nativeRuntime ? "functions/native/" : "functions/"));
        Path makefile = template.directory().resolve(contentUri).resolve("Makefile").normalize();
        assertThat(Files.readString(makefile)).as(makefile + " builds the layer").contains("build-%Layer:");
        assertThat(layerProps.get("CompatibleRuntimes")).isEqualTo(List.of(nativeRuntime ? "provided.al2023" : "java21"));

        Map<String, Map<String, Object>> functions = template.resources("AWS::Serverless::Function");
        assertThat(functions).isNotEmpty();
        for (String function : functions.keySet()) {
            Map<String, Object> props = map(intrinsics.resolve(template.functionProperties(function), function));
            Map<String, Object> env = map(map(props.get("Environment")).get("Variables"));
            assertThat(props.get("Runtime")).as(function).isEqualTo(nativeRuntime ? "provided.al2023" : "java21");
            assertThat(props.get("Layers")).as(function + " runs the code layer").isEqualTo(List.of("ref:" + layer));
            assertThat(props.get("SnapStart")).as(function + " SnapStart")
                    .isEqualTo(!nativeRuntime && snapStart ? Map.of("ApplyOn", "PublishedVersions") : null);
            assertThat(env.containsKey("JAVA_TOOL_OPTIONS")).as(function + " JAVA_TOOL_OPTIONS").isEqualTo(!nativeRuntime);
            assertThat(env.get("DISABLE_SIGNAL_HANDLERS")).as(function + " DISABLE_SIGNAL_HANDLERS").isEqualTo(nativeRuntime ? "true" : null);
        }
    }

    private static String prefix(String file) {
        return file.contains("/") ? "../" : "";
    }

    private static Intrinsics intrinsics(SamTemplate template, String runtime) {
        return Intrinsics.withDefaults(template, Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::AccountId",
                "123456789012", "AWS::StackName", "gilder", "PipelineAccountId", "123456789012", "FunctionRuntime", runtime),
                Intrinsics.PLACEHOLDERS);
    }
}
