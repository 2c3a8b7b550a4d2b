package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.LocalAws;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Distribution only to accounts the stack owns, as the templates state it (the local stack evaluates no IAM policy):
 * the pipeline may assume child roles only in its allowlist or, in Organization mode, only within its own organization;
 * the validation function reads organization members only in Organization mode, and block public access everywhere; the
 * child role can require the pipeline's organization.
 */
class DistributionScopeTemplateTest {

    private final SamTemplate pipeline = SamTemplate.read(LocalAws.root().resolve("template.yaml"));
    private final SamTemplate child = SamTemplate.read(LocalAws.root().resolve("child-account/template.yaml"));

    @Test
    void theScopeDefaultsToAnEmptyAllowlistAndListsOnlyAccountIds() {
        Map<String, Object> scope = map(pipeline.section("Parameters").get("DistributionAccountScope"));
        Map<String, Object> allowed = map(pipeline.section("Parameters").get("DistributionAllowedAccounts"));

        assertThat(scope.get("Default")).isEqualTo("Allowlist");
        assertThat(list(scope.get("AllowedValues"))).containsExactly("Allowlist", "Organization");
        assertThat(allowed.get("Type")).isEqualTo("CommaDelimitedList");
        assertThat(allowed.get("Default")).isEqualTo("");
        String pattern = String.valueOf(allowed.get("AllowedPattern"));
        assertThat(List.of("111122223333", "")).allMatch(v -> v.matches(pattern));
        assertThat(List.of("all", "11112222333", "1111222233334", "self")).noneMatch(v -> v.matches(pattern));
    }

    @Test
    void inOrganizationModeTheChildRoleIsAssumedOnlyWithinThePipelinesOwnOrganization() {
        Map<String, Object> condition = assumeCondition(values("Organization", "111111111111"));

        assertThat(condition).isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceOrgID", "${aws:PrincipalOrgID}")));
    }

    @Test
    void inAllowlistModeTheChildRoleIsAssumedOnlyInListedAccounts() {
        Map<String, Object> condition = assumeCondition(values("Allowlist", "111111111111,222222222222"));

        // Parameters are text locally; CloudFormation passes the CommaDelimitedList as a list of the two ids.
        assertThat(condition).isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceAccount", "111111111111,222222222222")));
    }

    @Test
    void theValidationFunctionReadsBlockPublicAccessAlwaysAndOrganizationMembersOnlyInOrganizationMode() {
        List<Map<String, Object>> organization = statements("ValidateDistributionRequestFunction", values("Organization", ""));
        List<Map<String, Object>> allowlist = statements("ValidateDistributionRequestFunction", values("Allowlist", "111111111111"));

        assertThat(actions(allowlist)).contains("ec2:GetImageBlockPublicAccessState", "ec2:GetSnapshotBlockPublicAccessState")
                .doesNotContain("organizations:DescribeAccount");
        assertThat(actions(organization)).contains("organizations:DescribeAccount", "ec2:GetImageBlockPublicAccessState");
        Map<String, Object> variables = map(map(pipeline.properties("ValidateDistributionRequestFunction").get("Environment")).get("Variables"));
        Intrinsics intrinsics = intrinsics(pipeline, values("Allowlist", "111111111111,222222222222"));
        assertThat(intrinsics.string(variables.get("GILDER_DISTRIBUTION_ACCOUNT_SCOPE"), "env")).isEqualTo("Allowlist");
        assertThat(intrinsics.string(variables.get("GILDER_DISTRIBUTION_ALLOWED_ACCOUNTS"), "env")).isEqualTo("111111111111,222222222222");
    }

    @Test
    void noFunctionOtherThanShareImageMayChangeWhoCanLaunchOrCopyAnImage() {
        List<String> sharing = pipeline.resources("AWS::Serverless::Function").keySet().stream()
                .filter(f -> actions(statements(f, values("Allowlist", ""))).stream()
                        .anyMatch(a -> a.equals("ec2:ModifyImageAttribute") || a.equals("ec2:ModifySnapshotAttribute")))
                .toList();

        assertThat(sharing).containsExactly("ShareImageFunction");
    }

    @Test
    void theChildRoleRequiresThePipelinesOrganizationWhenOneIsGiven() {
        Map<String, Object> with = trustCondition(Map.of("PipelineOrganizationId", "o-a1b2c3d4e5", "CrossAccountExternalId", ""));
        Map<String, Object> without = trustCondition(Map.of("PipelineOrganizationId", "", "CrossAccountExternalId", ""));

        assertThat(map(with.get("StringEquals"))).containsEntry("aws:PrincipalOrgID", "o-a1b2c3d4e5");
        assertThat(map(without.get("StringEquals"))).as("AWS::NoValue: no organization condition").doesNotContainKey("aws:PrincipalOrgID");
        assertThat(with.get("ArnLike")).as("the role path condition stays").isNotNull();
        String pattern = String.valueOf(map(child.section("Parameters").get("PipelineOrganizationId")).get("AllowedPattern"));
        assertThat("o-a1b2c3d4e5").matches(pattern);
        assertThat("").matches(pattern);
        assertThat("123456789012").doesNotMatch(pattern);
    }

    private Map<String, Object> trustCondition(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(parameters);
        Map<String, Object> role = child.properties("CrossAccountRole");
        Map<String, Object> statement = map(list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        return map(intrinsics(child, all).resolve(statement.get("Condition"), "CrossAccountRole trust"));
    }

    private Map<String, Object> assumeCondition(Map<String, String> values) {
        List<Map<String, Object>> assume = statements("PublishToAccountFunction", values).stream()
                .filter(s -> list(s.get("Action")).contains("sts:AssumeRole")).toList();
        assertThat(assume).hasSize(1);
        return map(assume.get(0).get("Condition"));
    }

    /** The function's policy statements with intrinsics resolved; a statement an !If drops is left out. */
    private List<Map<String, Object>> statements(String function, Map<String, String> values) {
        Intrinsics intrinsics = intrinsics(pipeline, values);
        return list(pipeline.properties(function).get("Policies")).stream().filter(p -> p instanceof Map<?, ?>)
                .flatMap(p -> list(map(p).get("Statement")).stream())
                .map(s -> intrinsics.resolve(s, function))
                .flatMap(s -> s instanceof Map<?, ?> m && !m.isEmpty() ? Optional.of(map(s)).stream() : Optional.<Map<String, Object>>empty().stream())
                .toList();
    }

    private static List<String> actions(List<Map<String, Object>> statements) {
        return statements.stream().flatMap(s -> s.get("Action") instanceof List<?> l ? l.stream().map(String::valueOf)
                : java.util.stream.Stream.of(String.valueOf(s.get("Action")))).toList();
    }

    private static Map<String, String> values(String scope, String allowed) {
        Map<String, String> values = new HashMap<>(Map.of("DistributionAccountScope", scope, "DistributionAllowedAccounts", allowed,
                "AWS::Partition", "aws", "AWS::Region", "us-east-1", "AWS::AccountId", "123456789012", "AWS::StackName", "gilder"));
        return values;
    }

    private static Intrinsics intrinsics(SamTemplate template, Map<String, String> values) {
        return Intrinsics.withDefaults(template, values, Intrinsics.PLACEHOLDERS);
    }
}
