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
 *   <li><b>No Condition.</b> moto passes an identity policy's conditions no request context ({@code ec2:CreateAction},
 *       {@code aws:TagKeys}, {@code aws:RequestTag/*}, {@code kms:ViaService}, ...), and a condition with no value to
 *       compare passes (moto/iam/access_control.py {@code _check_conditions}, moto/iam/policy_conditions.py
 *       {@code verify_condition}): an Allow with a condition is evaluated as if it had none. The conditions are dropped
 *       so that the installed policy says what is evaluated.</li>
 *   <li><b>Allow statements only.</b> For the same reason a Deny with a condition would deny unconditionally; Deny
 *       statements are dropped and listed in {@link #dropped()} (the template's function roles have none).</li>
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

    /** A function's role as installed: its name, ARN and the statements moto evaluates (one inline policy, {@value #POLICY}). */
    public record Role(String function, String name, String arn, List<Map<String, Object>> statements) {}

    /** The name of the one inline policy of each role. */
    static final String POLICY = "template-statements";

    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    /** The access key of each function's session, to tell its calls apart at the gateway. */
    private final Map<String, String> accessKeys = new ConcurrentHashMap<>();
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
        List<Map<String, Object>> rewritten = new ArrayList<>();
        statements.forEach((where, statement) -> {
            List<Map<String, Object>> forMoto = forMoto(statement);
            if (forMoto.isEmpty()) {
                dropped.add(where + " (" + statement.get("Effect") + ")");
            }
            rewritten.addAll(forMoto);
        });
        if (!rewritten.isEmpty()) { // a function that calls no AWS API has a role without policies
            put(name, rewritten);
        }
        roles.put(function, new Role(function, name, arn, List.copyOf(rewritten)));
        Credentials c = sts.assumeRole(r -> r.roleArn(arn).roleSessionName(function)).credentials();
        accessKeys.put(function, c.accessKeyId());
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
        Role role = role(function);
        List<Map<String, Object>> without = new ArrayList<>();
        for (Map<String, Object> statement : role.statements()) {
            List<String> left = PolicyStatements.actions(statement).stream().filter(a -> !a.equals(action)).toList();
            if (!left.isEmpty()) {
                Map<String, Object> changed = new LinkedHashMap<>(statement);
                changed.put("Action", left);
                without.add(changed);
            }
        }
        if (without.equals(role.statements())) {
            throw new IllegalArgumentException(function + "'s role does not grant " + action);
        }
        put(role.name(), without);
        return () -> put(role.name(), role.statements());
    }

    /** The installed role of {@code function}. */
    public Role role(String function) {
        Role role = roles.get(function);
        if (role == null) {
            throw new IllegalArgumentException("No role for " + function + "; known: " + roles.keySet());
        }
        return role;
    }

    /** The functions with a role, by template resource id. */
    public Set<String> functions() {
        return Set.copyOf(roles.keySet());
    }

    /** The access key of {@code function}'s session: its calls at the gateway ({@code Gateway#operationsOf}). */
    public String accessKeyOf(String function) {
        role(function);
        return accessKeys.get(function);
    }

    /** How many function roles are installed. */
    public int count() {
        return roles.size();
    }

    /** The statements left out because moto cannot evaluate them (Deny statements), as {@code <resource>/<Sid> (Deny)}. */
    public List<String> dropped() {
        return List.copyOf(dropped);
    }

    private void put(String role, List<Map<String, Object>> statements) {
        String document = Json.write(Map.of("Version", "2012-10-17", "Statement", statements));
        iam.putRolePolicy(r -> r.roleName(role).policyName(POLICY).policyDocument(document));
    }

    static String roleName(String function) {
        String name = "gilder-" + function;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
