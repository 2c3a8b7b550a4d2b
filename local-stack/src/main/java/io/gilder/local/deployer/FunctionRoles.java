package io.gilder.local.deployer;

import io.gilder.local.emulator.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * One IAM role per function, as SAM makes it from the function's {@code Policies}, installed in moto so that moto's IAM
 * enforcement evaluates each function's calls against its own role (the function runs with session credentials from
 * {@code sts:AssumeRole} of that role). The statements are those {@link PolicyStatements#ofFunction} reads, rewritten into
 * what moto 5 can evaluate:
 * <ul>
 *   <li><b>Allow statements only.</b> moto turns a statement whose Condition it cannot evaluate into a refusal, so a
 *       conditional Deny would deny everything; Deny statements are dropped and listed in {@link #dropped()}.</li>
 *   <li><b>No Condition.</b> moto evaluates no condition key a request carries ({@code ec2:CreateAction},
 *       {@code aws:TagKeys}, {@code aws:RequestTag/*}, {@code kms:ViaService}, ...): it would refuse every statement that
 *       has one.</li>
 *   <li><b>Resource "*" except for S3, SQS, IAM and STS.</b> moto compares every other service's request against the
 *       resource {@code "*"} (moto/core/responses.py {@code call_action}), which no ARN pattern matches.</li>
 * </ul>
 * So locally a missing <em>action</em> fails the workflow; resources and conditions (other than S3's, SQS's, IAM's and
 * STS's resources) are checked by {@code LeastPrivilegeTemplateTest}'s table instead.
 */
public final class FunctionRoles {

    /** The services whose requests moto evaluates against the real resource ARN. */
    static final Set<String> RESOURCE_AWARE = Set.of("s3", "sqs", "iam", "sts");

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** A function's role as installed: its name and its inline policies (policy name → the statement moto evaluates). */
    public record Role(String function, String name, String arn, Map<String, Map<String, Object>> policies) {}

    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final List<String> dropped = new ArrayList<>();
    private final IamClient iam;

    FunctionRoles(IamClient iam) {
        this.iam = iam;
    }

    /**
     * Creates the role of {@code function} with {@code statements} rewritten for moto, then assumes it.
     *
     * @return the session credentials the function runs with (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)
     */
    Map<String, String> install(String function, Map<String, Map<String, Object>> statements, StsClient sts) {
        String name = roleName(function);
        String arn = iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)).role().arn();
        Map<String, Map<String, Object>> policies = new LinkedHashMap<>();
        statements.forEach((where, statement) -> {
            List<Map<String, Object>> rewritten = forMoto(statement);
            if (rewritten.isEmpty()) {
                dropped.add(where + " (" + statement.get("Effect") + ")");
            }
            for (int i = 0; i < rewritten.size(); i++) {
                policies.put(policyName(where) + (i == 0 ? "" : "-" + i), rewritten.get(i));
            }
        });
        policies.forEach((policy, statement) -> put(name, policy, statement));
        roles.put(function, new Role(function, name, arn, Map.copyOf(policies)));
        Credentials c = sts.assumeRole(r -> r.roleArn(arn).roleSessionName(function)).credentials();
        return Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(),
                "AWS_SESSION_TOKEN", c.sessionToken());
    }

    /**
     * One template statement as moto can evaluate it: nothing for a Deny; otherwise its actions on the real resources
     * for the {@link #RESOURCE_AWARE} services and on "*" for the others, without its Condition.
     */
    static List<Map<String, Object>> forMoto(Map<String, Object> statement) {
        if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
            throw new IllegalStateException("NotAction/NotResource are not rewritten for moto: " + statement);
        }
        if (!"Allow".equals(statement.get("Effect"))) {
            return List.of();
        }
        List<String> aware = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String action : PolicyStatements.actions(statement)) {
            (RESOURCE_AWARE.contains(action.substring(0, action.indexOf(':'))) ? aware : others).add(action);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (!others.isEmpty()) {
            out.add(Map.of("Effect", "Allow", "Action", others, "Resource", "*"));
        }
        if (!aware.isEmpty()) {
            out.add(Map.of("Effect", "Allow", "Action", aware, "Resource", PolicyStatements.resources(statement)));
        }
        return out;
    }

    /** A whole policy document as moto can evaluate it ({@link #forMoto} of each statement). */
    static Map<String, Object> documentForMoto(Map<String, Object> document) {
        Object statements = document.get("Statement");
        List<Object> each = statements instanceof List<?> l ? List.copyOf(l) : List.of(statements);
        List<Map<String, Object>> rewritten = new ArrayList<>();
        each.forEach(statement -> rewritten.addAll(forMoto(SamTemplate.map(statement))));
        return Map.of("Version", "2012-10-17", "Statement", rewritten);
    }

    /**
     * Takes {@code action} out of every statement of {@code function}'s role until the result is closed, as an operator
     * editing the role would (moto reads the role's policies at each request, so the function's next call is refused).
     */
    public AutoCloseable withhold(String function, String action) {
        Role role = roles.get(function);
        if (role == null) {
            throw new IllegalArgumentException("No role for " + function + "; known: " + roles.keySet());
        }
        List<String> changed = new ArrayList<>();
        role.policies().forEach((policy, statement) -> {
            List<String> actions = PolicyStatements.actions(statement);
            if (actions.contains(action)) {
                changed.add(policy);
                List<String> left = actions.stream().filter(a -> !a.equals(action)).toList();
                if (left.isEmpty()) {
                    iam.deleteRolePolicy(r -> r.roleName(role.name()).policyName(policy));
                } else {
                    Map<String, Object> without = new LinkedHashMap<>(statement);
                    without.put("Action", left);
                    put(role.name(), policy, without);
                }
            }
        });
        if (changed.isEmpty()) {
            throw new IllegalArgumentException(function + "'s role does not grant " + action);
        }
        return () -> changed.forEach(policy -> put(role.name(), policy, role.policies().get(policy)));
    }

    /** The installed role of {@code function}. */
    public Role role(String function) {
        Role role = roles.get(function);
        if (role == null) {
            throw new IllegalArgumentException("No role for " + function + "; known: " + roles.keySet());
        }
        return role;
    }

    /** The statements left out because moto cannot evaluate them (Deny statements), as {@code <resource>/<Sid> (Deny)}. */
    public List<String> dropped() {
        return List.copyOf(dropped);
    }

    private void put(String role, String policy, Map<String, Object> statement) {
        String document = Json.write(Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
        iam.putRolePolicy(r -> r.roleName(role).policyName(policy).policyDocument(document));
    }

    static String roleName(String function) {
        String name = "gilder-" + function;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String policyName(String where) {
        return where.replace('/', '.').replace("#", "statement");
    }
}
