package io.gilder.distribution;

import io.gilder.error.InvalidRequestException;
import io.gilder.registry.DistributionTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributionRequestParserTest {

    static final Set<String> REGIONS = Set.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");
    static final Function<String, Object> JSON = DistributionRequestParserTest::tinyJson;

    @Test
    void targetsAreFlattenedSortedAndNamedWithTheParameter() {
        DistributionRequest request = DistributionRequestParser.parse(request("targets", List.of(
                Map.of("accountId", "222222222222", "regions", List.of("us-east-1")),
                Map.of("accountId", "111111111111", "regions", List.of("eu-west-1", "us-east-1")))), REGIONS, JSON);

        assertThat(request.parameterName()).isEqualTo("/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3");
        assertThat(request.targets()).containsExactly(new DistributionTarget("111111111111", "eu-west-1"),
                new DistributionTarget("111111111111", "us-east-1"), new DistributionTarget("222222222222", "us-east-1"));
    }

    @Test
    void eachAccountKeepsTheFieldThatFirstNamedItSoThatARefusalCanPointThere() {
        DistributionRequest targets = DistributionRequestParser.parse(request("targets", List.of(
                Map.of("accountId", "222222222222", "regions", List.of("us-east-1")),
                Map.of("accountId", "111111111111", "regions", List.of("eu-west-1")),
                Map.of("accountId", "222222222222", "regions", List.of("eu-west-1")))), REGIONS, JSON);
        DistributionRequest legacy = DistributionRequestParser.parse(request("MetadataJSON",
                Map.of("333333333333", "us-east-1", "111111111111", "eu-west-1")), REGIONS, JSON);

        assertThat(targets.accountFields()).containsExactly(Map.entry("111111111111", "targets[1].accountId"),
                Map.entry("222222222222", "targets[0].accountId"));
        assertThat(legacy.accountFields()).containsExactly(Map.entry("111111111111", "MetadataJSON.111111111111"),
                Map.entry("333333333333", "MetadataJSON.333333333333"));
    }

    @Test
    void tooManyTargetsForOneExecutionAreRefusedByName() {
        List<Object> targets = new java.util.ArrayList<>();
        for (int account = 0; account < 51; account++) {
            targets.add(Map.of("accountId", String.format("%012d", 100000000000L + account), "regions", List.copyOf(REGIONS)));
        }

        assertThatThrownBy(() -> DistributionRequestParser.parse(request("targets", targets), REGIONS, JSON))
                .hasMessageContaining("targets names 204 account-region pairs; at most 200");
        assertThat(DistributionRequestParser.parse(request("targets", targets.subList(0, 50)), REGIONS, JSON).targets()).hasSize(200);
    }

    @Test
    void theOldSamplesMetadataJsonIsReadAsAnObjectAndAsAString() {
        DistributionRequest asObject = DistributionRequestParser.parse(
                request("MetadataJSON", Map.of("111122223333", "us-east-1, eu-west-1")), REGIONS, JSON);
        DistributionRequest asString = DistributionRequestParser.parse(
                request("MetadataJSON", "{\"111122223333\":\"us-east-1,eu-west-1\"}"), REGIONS, JSON);

        assertThat(asObject.targets()).containsExactly(new DistributionTarget("111122223333", "eu-west-1"),
                new DistributionTarget("111122223333", "us-east-1"));
        assertThat(asString).isEqualTo(asObject);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("no targets at all", without("targets"), "targets"),
                Arguments.of("short account id", target(Map.of("accountId", "12345", "regions", List.of("us-east-1"))),
                        "targets[0].accountId"),
                Arguments.of("account id as a number", target(Map.of("accountId", 111111111111L, "regions", List.of("us-east-1"))),
                        "targets[0].accountId"),
                Arguments.of("made-up region", target(Map.of("accountId", "111111111111", "regions", List.of("us-east-9"))),
                        "targets[0].regions[0]"),
                Arguments.of("availability zone instead of region",
                        target(Map.of("accountId", "111111111111", "regions", List.of("us-east-1a"))), "targets[0].regions[0]"),
                Arguments.of("no regions", target(Map.of("accountId", "111111111111", "regions", List.of())), "targets[0].regions"),
                Arguments.of("regions as a string", target(Map.of("accountId", "111111111111", "regions", "us-east-1")),
                        "targets[0].regions"),
                Arguments.of("unknown target field", target(Map.of("accountId", "111111111111", "regions", List.of("us-east-1"),
                        "region", "eu-west-1")), "targets[0].region"),
                Arguments.of("target repeated across entries", request("targets", List.of(
                        Map.of("accountId", "111111111111", "regions", List.of("us-east-1")),
                        Map.of("accountId", "111111111111", "regions", List.of("eu-west-1", "us-east-1")))), "targets[1].regions[1]"),
                Arguments.of("target not an object", request("targets", List.of("111111111111")), "targets[0]"),
                Arguments.of("empty targets", request("targets", List.of()), "targets"),
                Arguments.of("bad account in MetadataJSON", request("MetadataJSON", Map.of("11112222333x", "us-east-1")),
                        "MetadataJSON.11112222333x"),
                Arguments.of("bad region in MetadataJSON", request("MetadataJSON", Map.of("111122223333", "us-east-1,mars-1")),
                        "MetadataJSON.111122223333"),
                Arguments.of("region repeated in MetadataJSON", request("MetadataJSON", Map.of("111122223333", "us-east-1,us-east-1")),
                        "MetadataJSON.111122223333"),
                Arguments.of("MetadataJSON string that is not JSON", request("MetadataJSON", "{111122223333: us-east-1"), "MetadataJSON"),
                Arguments.of("both forms at once", with(request("MetadataJSON", Map.of("111122223333", "us-east-1")), "targets",
                        List.of(Map.of("accountId", "111111111111", "regions", List.of("us-east-1")))), "MetadataJSON"),
                Arguments.of("bad build version", with(request("targets", List.of(Map.of("accountId", "111111111111",
                        "regions", List.of("us-east-1")))), "buildVersion", "v3"), "buildVersion"),
                Arguments.of("product without version", with(request("targets", List.of(Map.of("accountId", "111111111111",
                        "regions", List.of("us-east-1")))), "productName", "WebServer"), "productName"),
                Arguments.of("input not an object", List.of(), "request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadInputNamesItsField(String why, Object input, String field) {
        assertThatThrownBy(() -> DistributionRequestParser.parse(input, REGIONS, JSON))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fields()).contains(field))
                .hasMessageContaining(field + " ");
    }

    @Test
    void everyProblemIsReportedInOneRound() {
        Map<String, Object> input = request("targets", List.of(Map.of("accountId", "1", "regions", List.of("xx-1"))));
        input.put("buildVersion", "");

        assertThatThrownBy(() -> DistributionRequestParser.parse(input, REGIONS, JSON))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fields())
                        .containsExactly("buildVersion", "targets[0].accountId", "targets[0].regions[0]"));
    }

    private static Map<String, Object> request(String targetsField, Object targets) {
        Map<String, Object> request = new HashMap<>(Map.of("productName", "WebServer-1.2",
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "3"));
        request.put(targetsField, targets);
        return request;
    }

    private static Map<String, Object> target(Map<String, Object> target) {
        return request("targets", List.of(target));
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> request = target(Map.of("accountId", "111111111111", "regions", List.of("us-east-1")));
        request.remove(field);
        return request;
    }

    private static Map<String, Object> with(Map<String, Object> request, String field, Object value) {
        request.put(field, value);
        return request;
    }

    /** Enough JSON for {"account":"regions"} documents; anything else is "not JSON" here. */
    private static Object tinyJson(String text) {
        var m = java.util.regex.Pattern.compile("\\{\\s*\"(\\d+)\"\\s*:\\s*\"([^\"]*)\"\\s*}").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected character");
        }
        return Map.of(m.group(1), m.group(2));
    }
}
