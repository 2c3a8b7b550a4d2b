package io.gilder.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares what each function's role grants with what the function called in an end-to-end run, so that an excess
 * permission fails a test: every granted action must be called in the run, or be in the reviewed table of actions
 * granted but not exercised there ({@value #TABLE}), each with its reason. A table entry must stay true: one whose
 * action is called after all, or no longer granted, is a problem too. A call its role does not grant (a call our own
 * fakes answered, which moto never evaluates) is reported as missing.
 *
 * <p>Calls are read at the gateway as {@code service:Operation}; where the IAM action differs from the operation
 * ({@link #ACTION_OF}), the call is counted as that action. One gap: the gateway cannot tell a versioned S3 read from
 * another, so a {@code GetObject} call exercises {@code s3:GetObjectVersion} as well.
 */
final class ExercisedPermissions {

    /** The reviewed table: {@code function<TAB>action<TAB>reason}; {@code *} as the function applies to every function. */
    static final String TABLE = "iam/granted-not-exercised.tsv";

    /** Operations whose IAM action has another name. */
    static final Map<String, List<String>> ACTION_OF = Map.of(
            "lambda:Invoke", List.of("lambda:InvokeFunction"),
            "s3:HeadObject", List.of("s3:GetObject"),
            "s3:GetObject", List.of("s3:GetObject", "s3:GetObjectVersion"),
            "s3:ListObjectsV2", List.of("s3:ListBucket"),
            "s3:ListObjects", List.of("s3:ListBucket"),
            "s3:HeadBucket", List.of("s3:ListBucket"),
            "monitoring:PutMetricData", List.of("cloudwatch:PutMetricData"));

    /** Calls that need no permission (AWS documents that GetCallerIdentity is always allowed). */
    static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    /** One reviewed entry. */
    record Reviewed(String function, String action, String reason) {}

    private ExercisedPermissions() {}

    static List<Reviewed> table() {
        try (InputStream in = ExercisedPermissions.class.getClassLoader().getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TABLE, e);
        }
    }

    static List<Reviewed> parse(String text) {
        List<Reviewed> entries = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            if (fields.length != 3 || fields[2].isBlank()) {
                throw new IllegalStateException(TABLE + ":" + number + ": want function<TAB>action<TAB>reason, got: " + line);
            }
            entries.add(new Reviewed(fields[0].trim(), fields[1].trim(), fields[2].trim()));
        }
        return entries;
    }

    /**
     * @param granted  each function's granted actions (patterns such as {@code ec2:Describe*} allowed)
     * @param called   each function's calls, as {@code service:Operation}
     * @param reviewed the table
     * @return the problems, one readable line each (empty: every grant is exercised or reviewed, every entry true)
     */
    static List<String> problems(Map<String, Set<String>> granted, Map<String, Set<String>> called, List<Reviewed> reviewed) {
        List<String> problems = new ArrayList<>();
        // Each call as the actions it may stand for (a GetObject is s3:GetObject or s3:GetObjectVersion).
        Map<String, Map<String, List<String>>> actionsCalled = new LinkedHashMap<>();
        called.forEach((function, operations) -> {
            Map<String, List<String>> actions = new java.util.TreeMap<>();
            operations.stream().filter(op -> !NEEDS_NO_PERMISSION.contains(op))
                    .forEach(op -> actions.put(op, ACTION_OF.getOrDefault(op, List.of(op))));
            actionsCalled.put(function, actions);
        });
        for (Reviewed entry : reviewed) {
            if (!entry.function().equals("*") && !granted.containsKey(entry.function())) {
                problems.add("table entry " + entry.function() + " " + entry.action() + ": no such function");
            }
        }
        for (Map.Entry<String, Set<String>> role : new java.util.TreeMap<>(granted).entrySet()) {
            String function = role.getKey();
            Map<String, List<String>> calls = actionsCalled.getOrDefault(function, Map.of());
            List<Reviewed> forFunction = reviewed.stream()
                    .filter(r -> r.function().equals(function) || r.function().equals("*")).toList();
            boolean wholeFunction = forFunction.stream().anyMatch(r -> r.function().equals(function) && r.action().equals("*"));
            if (wholeFunction && !calls.isEmpty()) {
                problems.add(function + ": the table says it does not run here, but it called " + calls.keySet());
            }
            for (String action : new TreeSet<>(role.getValue())) {
                Pattern pattern = glob(action);
                boolean exercised = calls.values().stream().flatMap(List::stream).anyMatch(c -> pattern.matcher(c).matches());
                Reviewed entry = forFunction.stream().filter(r -> r.action().equals(action)).findFirst().orElse(null);
                if (!exercised && entry == null && !wholeFunction) {
                    problems.add(function + " is granted " + action + ", never called here and not in " + TABLE
                            + ": remove it from the template, or add the entry with its reason");
                } else if (exercised && entry != null && !entry.function().equals("*")) {
                    problems.add(function + " calls " + action + " after all: remove its entry from " + TABLE);
                }
            }
            for (Reviewed entry : forFunction) {
                if (entry.function().equals(function) && !entry.action().equals("*") && !role.getValue().contains(entry.action())) {
                    problems.add("table entry " + function + " " + entry.action() + ": not granted (any more)");
                }
            }
            for (Map.Entry<String, List<String>> call : calls.entrySet()) {
                if (role.getValue().stream().noneMatch(g -> call.getValue().stream().anyMatch(a -> glob(g).matcher(a).matches()))) {
                    problems.add(function + " called " + call.getKey() + ", which its role does not grant (answered by a fake moto does not evaluate?)");
                }
            }
        }
        return problems;
    }

    private static Pattern glob(String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : action.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
