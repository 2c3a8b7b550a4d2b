package io.gilder.local.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The intrinsic functions the local stack resolves, and the loud refusal of any it does not know. */
class IntrinsicsTest {

    private final Map<String, String> parameters = new LinkedHashMap<>(Map.of(
            "AWS::Region", "eu-west-1", "AWS::AccountId", "111122223333", "Stage", "prod",
            "Regions", "eu-west-1,us-east-1", "Empty", "", "Owner.Team", "platform"));

    private final Intrinsics.Resources resources = new Intrinsics.Resources() {
        @Override
        public String ref(String logicalId) {
            if (!logicalId.equals("Topic")) {
                throw new IllegalStateException("Ref to unknown resource " + logicalId);
            }
            return "arn:aws:sns:eu-west-1:111122223333:topic";
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return logicalId + "/" + attribute;
        }
    };

    private final Map<String, Object> conditions = Map.of(
            "IsProd", Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "prod")),
            "IsDev", Map.of("Fn::Equals", List.of(Map.of("Ref", "Stage"), "dev")),
            "NotDev", Map.of("Fn::Not", List.of(Map.of("Condition", "IsDev"))),
            "ProdAndNotDev", Map.of("Fn::And", List.of(Map.of("Condition", "IsProd"), Map.of("Condition", "NotDev"))),
            "DevOrEmpty", Map.of("Fn::Or", List.of(Map.of("Condition", "IsDev"), Map.of("Fn::Equals", List.of(Map.of("Ref", "Empty"), "")))),
            "Odd", Map.of("Fn::Contains", List.of()));

    private final Intrinsics intrinsics = new Intrinsics(parameters, conditions, resources);

    @Test
    void refsResolveParametersBeforeResourcesAndAliasesToTheLiveAlias() {
        assertThat(intrinsics.resolve(Map.of("Ref", "Stage"), "x")).isEqualTo("prod");
        assertThat(intrinsics.resolve(Map.of("Ref", "Topic"), "x")).isEqualTo("arn:aws:sns:eu-west-1:111122223333:topic");
        assertThat(intrinsics.resolve(Map.of("Ref", "BuildFunction.Alias"), "x")).isEqualTo("BuildFunction/Arn:live");
        assertThat(intrinsics.resolve(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), "x")).isEqualTo("Queue/Arn");
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("Ref", "Nothing"), "x")).hasMessageContaining("Nothing");
    }

    @Test
    void subReplacesParametersAttributesAndItsOwnVariablesAndKeepsEscapes() {
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", "arn:aws:s3:::${AWS::AccountId}-${Stage}/${Topic}"), "x"))
                .isEqualTo("arn:aws:s3:::111122223333-prod/arn:aws:sns:eu-west-1:111122223333:topic");
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", "${Queue.Arn} ${Owner.Team}"), "x"))
                .as("a dotted name is an attribute unless a parameter has that name").isEqualTo("Queue/Arn platform");
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", List.of("${Name}-${Stage}", Map.of("Name", Map.of("Ref", "AWS::Region")))), "x"))
                .isEqualTo("eu-west-1-prod");
        assertThat(intrinsics.resolve(Map.of("Fn::Sub", "echo ${!HOME} $$1"), "x")).isEqualTo("echo ${HOME} $$1");
    }

    @Test
    void joinSelectAndGetAzsWorkOnListsAndCommaDelimitedParameters() {
        assertThat(intrinsics.resolve(Map.of("Fn::Join", List.of("|", List.of("a", Map.of("Ref", "Stage")))), "x")).isEqualTo("a|prod");
        assertThat(intrinsics.resolve(Map.of("Fn::Join", List.of(";", Map.of("Ref", "Regions"))), "x")).isEqualTo("eu-west-1;us-east-1");
        assertThat(intrinsics.resolve(Map.of("Fn::Join", List.of(";", Map.of("Ref", "Empty"))), "x")).isEqualTo("");
        assertThat(intrinsics.resolve(Map.of("Fn::Select", List.of("1", Map.of("Fn::GetAZs", ""))), "x")).isEqualTo("eu-west-1b");
        assertThat(intrinsics.resolve(Map.of("Fn::Select", List.of(0, List.of("first", "second"))), "x")).isEqualTo("first");
    }

    @Test
    void noValueLeavesOutTheEntryOrItemHoldingIt() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("KEPT", "1");
        environment.put("DROPPED_IN_PROD", Map.of("Fn::If", List.of("IsProd", Map.of("Ref", "AWS::NoValue"), "dev-only")));
        environment.put("PROD_ONLY", Map.of("Fn::If", List.of("IsProd", "yes", Map.of("Ref", "AWS::NoValue"))));
        assertThat(intrinsics.resolve(environment, "x")).isEqualTo(Map.of("KEPT", "1", "PROD_ONLY", "yes"));
        assertThat(intrinsics.resolve(List.of("a", Map.of("Ref", "AWS::NoValue"), "b"), "x")).isEqualTo(List.of("a", "b"));
        parameters.put("Stage", "dev");
        assertThat(intrinsics.resolve(environment, "x")).isEqualTo(Map.of("KEPT", "1", "DROPPED_IN_PROD", "dev-only"));
    }

    @Test
    void conditionsEvaluateEqualsNotAndOrAndNamedConditions() {
        assertThat(intrinsics.condition("IsProd", "x")).isTrue();
        assertThat(intrinsics.condition("NotDev", "x")).isTrue();
        assertThat(intrinsics.condition("ProdAndNotDev", "x")).isTrue();
        assertThat(intrinsics.condition("DevOrEmpty", "x")).isTrue();
        assertThat(intrinsics.resolve(Map.of("Fn::If", List.of("IsDev", "small", "large")), "x")).isEqualTo("large");
        parameters.put("Stage", "dev");
        assertThat(intrinsics.condition("ProdAndNotDev", "x")).isFalse();
        assertThat(intrinsics.resolve(Map.of("Fn::If", List.of("IsDev", "small", "large")), "x")).isEqualTo("small");
    }

    @Test
    void nestedValuesResolveEverywhereAndKeepTheirShape() {
        Object resolved = intrinsics.resolve(Map.of("Statement", List.of(Map.of("Resource", Map.of("Fn::Sub", "${Topic}*"), "Effect", "Allow"))), "Policy");
        assertThat(resolved).isEqualTo(Map.of("Statement", List.of(Map.of("Resource", "arn:aws:sns:eu-west-1:111122223333:topic*", "Effect", "Allow"))));
        assertThat(intrinsics.resolve(42, "x")).isEqualTo(42);
    }

    @Test
    void whatItCannotResolveFailsNamingWhereItStands() {
        assertThatThrownBy(() -> intrinsics.resolve(Map.of("A", List.of(Map.of("Fn::FindInMap", List.of("M", "k", "v")))), "Resources.X.Properties"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Fn::FindInMap").hasMessageContaining("Resources.X.Properties.A[0]");
        assertThatThrownBy(() -> intrinsics.condition("Missing", "Resources.Y")).hasMessageContaining("Unknown condition Missing at Resources.Y");
        assertThatThrownBy(() -> intrinsics.condition("Odd", "Resources.Z")).hasMessageContaining("Unsupported condition function Fn::Contains");
    }
}
