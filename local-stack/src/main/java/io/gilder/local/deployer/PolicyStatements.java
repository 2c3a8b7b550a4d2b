package io.gilder.local.deployer;

import static io.gilder.local.deployer.SamTemplate.list;
import static io.gilder.local.deployer.SamTemplate.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity-policy statements a template states, with every intrinsic resolved: read once here for both the table of
 * least-privilege rules ({@code LeastPrivilegeTemplateTest}) and the per-function roles the local stack creates when it
 * enforces IAM ({@link FunctionRoles}). A statement is keyed {@code <resource>/<Sid>} ({@code <resource>/#<index>}
 * without a Sid); a statement an {@code !If} drops is left out.
 */
public final class PolicyStatements {

    private PolicyStatements() {}

    /**
     * Every statement of the function roles ({@code Policies} documents of {@code AWS::Serverless::Function} and
     * {@code AWS::Serverless::StateMachine}), of the managed policies and of the IAM roles' inline policies.
     */
    static Map<String, Map<String, Object>> all(SamTemplate template, Intrinsics intrinsics) {
        Map<String, List<Object>> documents = new LinkedHashMap<>();
        for (String type : List.of("AWS::Serverless::Function", "AWS::Serverless::StateMachine")) {
            template.resources(type).forEach((id, body) -> list(map(body.getOrDefault("Properties", Map.of())).get("Policies")).stream()
                    .filter(p -> p instanceof Map<?, ?> m && m.containsKey("Statement"))
                    .forEach(p -> documents.computeIfAbsent(id, k -> new ArrayList<>()).add(p)));
        }
        template.resources("AWS::IAM::ManagedPolicy").forEach((id, body) ->
                documents.computeIfAbsent(id, k -> new ArrayList<>()).add(map(body.get("Properties")).get("PolicyDocument")));
        template.resources("AWS::IAM::Role").forEach((id, body) -> list(map(body.get("Properties")).get("Policies"))
                .forEach(p -> documents.computeIfAbsent(id, k -> new ArrayList<>()).add(map(p).get("PolicyDocument"))));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        documents.forEach((id, policies) -> statementsOf(id, policies, intrinsics, out));
        return out;
    }

    /**
     * What the role SAM makes for function {@code functionId} is given: its inline statements, then those of every managed
     * policy of the template its {@code Policies} name by {@code !Ref}, keyed by where they are written (the managed
     * policy's logical id for the latter). Any other entry (a SAM policy template, a managed policy outside the template)
     * is refused by name: the local stack could not grant exactly what AWS would.
     */
    static Map<String, Map<String, Object>> ofFunction(SamTemplate template, Intrinsics intrinsics, String functionId) {
        Map<String, Map<String, Object>> managed = template.resources("AWS::IAM::ManagedPolicy");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        List<Object> inline = new ArrayList<>();
        int index = 0;
        for (Object entry : list(template.properties(functionId).get("Policies"))) {
            String where = "Resources." + functionId + ".Properties.Policies[" + index++ + "]";
            if (entry instanceof Map<?, ?> m && m.containsKey("Statement")) {
                inline.add(entry);
            } else if (entry instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String ref && managed.containsKey(ref)) {
                statementsOf(ref, List.of(map(managed.get(ref).get("Properties")).get("PolicyDocument")), intrinsics, out);
            } else {
                throw new IllegalStateException(where + " is neither a policy document nor a !Ref to a managed policy of the template: "
                        + entry + "; teach io.gilder.local.deployer.PolicyStatements");
            }
        }
        Map<String, Map<String, Object>> own = new LinkedHashMap<>();
        statementsOf(functionId, inline, intrinsics, own);
        own.putAll(out);
        return own;
    }

    private static void statementsOf(String id, List<Object> policies, Intrinsics intrinsics, Map<String, Map<String, Object>> out) {
        int index = 0;
        for (Object policy : policies) {
            for (Object raw : list(map(policy).get("Statement"))) {
                Object resolved = intrinsics.resolve(raw, id);
                if (resolved instanceof Map<?, ?> m && !m.isEmpty()) {
                    Map<String, Object> statement = map(resolved);
                    Object sid = statement.get("Sid");
                    String where = id + "/" + (sid == null ? "#" + index : sid);
                    if (out.containsKey(where)) {
                        throw new IllegalStateException("Sids must be unique within " + id + ": " + where + " is there twice");
                    }
                    out.put(where, statement);
                }
                index++;
            }
        }
    }

    /** The statement's actions, whether written as one string or a list. */
    public static List<String> actions(Map<String, Object> statement) {
        return strings(statement.get("Action"));
    }

    /** The statement's resources, whether written as one string or a list. */
    public static List<String> resources(Map<String, Object> statement) {
        return strings(statement.get("Resource"));
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
