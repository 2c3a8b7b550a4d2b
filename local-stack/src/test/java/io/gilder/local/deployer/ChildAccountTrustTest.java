package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.LocalAws;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The child accounts' cross-account role trusts exactly the pipeline functions that assume it: each function allowed
 * {@code sts:AssumeRole} has the IAM role path that {@code child-account/template.yaml} trusts for its stack, no other
 * function has that path, and another stack's roles do not match. (Checked on the templates: the local stack does not
 * evaluate trust policies.)
 */
class ChildAccountTrustTest {

    private static final String ACCOUNT = "123456789012";
    private static final String STACK = "gilder-prod";
    private static final Intrinsics.Resources NO_RESOURCES = new Intrinsics.Resources() {
        @Override
        public String ref(String logicalId) {
            throw new IllegalStateException("unexpected Ref " + logicalId);
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            throw new IllegalStateException("unexpected GetAtt " + logicalId);
        }
    };

    private final SamTemplate pipeline = SamTemplate.read(LocalAws.root().resolve("template.yaml"));
    private final SamTemplate child = SamTemplate.read(LocalAws.root().resolve("child-account/template.yaml"));

    @Test
    void theChildRoleTrustsExactlyThePipelineFunctionsThatAssumeIt() {
        Intrinsics pipelineValues = new Intrinsics(Map.of("AWS::StackName", STACK), Map.of(), NO_RESOURCES);
        Set<String> assuming = new TreeSet<>();
        Map<String, String> paths = new java.util.TreeMap<>();
        pipeline.resources("AWS::Serverless::Function").keySet().forEach(function -> {
            Map<String, Object> props = pipeline.properties(function);
            if (props.containsKey("RolePath")) {
                paths.put(function, pipelineValues.string(props.get("RolePath"), function + ".RolePath"));
            }
            if (assumesRoles(props)) {
                assuming.add(function);
            }
        });
        Pattern trusted = trustedPrincipals();

        assertThat(assuming).contains("PublishToAccountFunction", "CheckImageUsageFunction", "RemoveChildRegistrationFunction",
                "WithdrawGoldenImageFunction");
        assertThat(paths.keySet()).as("functions with a role path").isEqualTo(assuming);
        paths.forEach((function, path) -> {
            assertThat(trusted.matcher(roleArn(path, STACK, function)).matches()).as(function + " is trusted").isTrue();
            assertThat(trusted.matcher(roleArn(path.replace(STACK, "gilder"), "gilder", function)).matches())
                    .as(function + " of another stack").isFalse();
        });
        assertThat(trusted.matcher(roleArn("/", STACK, "ValidateBuildRequestFunction")).matches()).as("a role without the path").isFalse();
    }

    /** A role name as SAM generates it, e.g. {@code gilder-prod-CheckImageUsageFunctionRole-1A2B3C4D5E6F}, under {@code path}. */
    private static String roleArn(String path, String stack, String function) {
        return "arn:aws:iam::" + ACCOUNT + ":role" + path + stack + "-" + function + "Role-1A2B3C4D5E6F";
    }

    private static boolean assumesRoles(Map<String, Object> props) {
        return list(props.get("Policies")).stream().filter(p -> p instanceof Map<?, ?>).flatMap(p -> list(map(p).get("Statement")).stream())
                .filter(s -> s instanceof Map<?, ?>)
                .anyMatch(s -> String.valueOf(map(s).get("Action")).contains("sts:AssumeRole"));
    }

    /** The child role trust policy's {@code aws:PrincipalArn} pattern (ArnLike) as a regular expression. */
    private Pattern trustedPrincipals() {
        Map<String, Object> role = child.properties("CrossAccountRole");
        Map<String, Object> statement = map(list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        Object arnLike = map(map(statement.get("Condition")).get("ArnLike")).get("aws:PrincipalArn");
        String glob = new Intrinsics(Map.of("AWS::Partition", "aws", "PipelineAccountId", ACCOUNT, "PipelineStackName", STACK), Map.of(),
                NO_RESOURCES).string(arnLike, "CrossAccountRole trust");
        return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
