package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
import io.gilder.local.fakes.ImageDeprecationFake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention's function (deprecate-old-versions, the real function.zip) against the emulator, without running a build:
 * three registered versions of a product, the function as deployed (RetainVersions 0: nothing happens) and the same
 * function with RetainVersions 1. What is faked: {@code EnableImageDeprecation} is answered and recorded by
 * {@link ImageDeprecationFake} (moto lacks it); the test asserts which images the function asked to deprecate.
 */
@ExtendWith(LocalAws.class)
class RetentionTest {

    @Test
    void withRetainVersionsOneTheOlderVersionsAreDeprecatedAndTheNewestIsNot(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Keep");
        Map<String, String> images = new HashMap<>();
        for (String version : List.of("2", "9", "10")) {
            images.put(version, LocalImages.registerGolden(aws, product, "/GoldenAMI/" + GoldenImages.OS + "/" + product + "/" + version));
        }
        Map<String, Object> input = Map.of("executionArn", "arn:aws:states:us-east-1:123456789012:execution:gilder-build:" + product,
                "request", Map.of("product", Map.of("name", product.substring(0, product.lastIndexOf('-')), "version", "1.0"),
                        "os", Map.of("name", "AmazonLinux", "version", "2023")));

        JsonNode asDeployed = invoke(aws, "DeprecateOldVersionsFunction", input);

        assertThat(asDeployed.get("keep").asInt()).as("RetainVersions defaults to 0: keep all").isZero();
        assertThat(asDeployed.get("olderVersions")).isEmpty();
        images.values().forEach(image -> assertThat(aws.imageDeprecations().of(image)).isEmpty());

        FunctionSpec deployed = aws.functions().spec("DeprecateOldVersionsFunction");
        Map<String, String> environment = new HashMap<>(deployed.environment());
        environment.put("GILDER_REVOCATION_RETAIN_VERSIONS", "1");
        aws.functions().register(new FunctionSpec("DeprecateOldVersionsKeepOne", deployed.handler(), deployed.memoryMb(),
                deployed.timeout(), environment));

        JsonNode keepOne = invoke(aws, "DeprecateOldVersionsKeepOne", input);

        assertThat(keepOne.get("olderVersions")).extracting(JsonNode::asText).containsExactly("2", "9");
        assertThat(keepOne.get("failed")).isEmpty();
        for (String version : List.of("2", "9")) {
            assertThat(aws.imageDeprecations().of(images.get(version))).as("version " + version).hasSize(1)
                    .allSatisfy(d -> assertThat(d.deprecateAt()).isAfter(d.requestedAt()));
        }
        assertThat(aws.imageDeprecations().of(images.get("10"))).as("the newest stays").isEmpty();
        assertThat(aws.inbox().await(m -> m.subject().contains("Retention") && m.subject().contains(product), Duration.ofSeconds(10)))
                .hasValueSatisfying(m -> assertThat(m.text()).contains(images.get("2")).contains(images.get("9")).doesNotContain(images.get("10")));
    }

    private static JsonNode invoke(LocalStack aws, String function, Object input) {
        Invocation result = aws.functions().invoke(function, Json.write(input).getBytes(StandardCharsets.UTF_8));
        assertThat(result.error()).as(result.payloadText()).isFalse();
        return Json.read(result.payloadText());
    }
}
