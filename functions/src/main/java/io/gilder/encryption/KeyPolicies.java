package io.gilder.encryption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a key policy lets the pipeline account create grants: an {@code Allow} statement whose principal is the
 * pipeline account (its root, which delegates to IAM, where the template allows {@code kms:CreateGrant}), a principal
 * of that account, or {@code *}, and whose actions include {@code kms:CreateGrant} ({@code kms:*}, {@code kms:Create*}).
 * Deny statements and conditions are not evaluated: a key whose policy denies the pipeline still fails at
 * {@code CreateGrant}, naming the key. Pure: the policy comes decoded as JSON maps and lists.
 */
public final class KeyPolicies {

    private KeyPolicies() {}

    /** Empty when the policy lets {@code accountId} create grants, else why not. */
    public static Optional<String> whyNoCreateGrant(Object policy, String accountId) {
        if (!(policy instanceof Map<?, ?> document)) {
            return Optional.of("the key policy is not a JSON object");
        }
        for (Object raw : list(document.get("Statement"))) {
            if (raw instanceof Map<?, ?> statement && "Allow".equals(statement.get("Effect"))
                    && list(statement.get("Action")).stream().anyMatch(KeyPolicies::coversCreateGrant)
                    && principals(statement.get("Principal")).stream().anyMatch(p -> inAccount(p, accountId))) {
                return Optional.empty();
            }
        }
        return Optional.of("no Allow statement of its key policy gives account " + accountId + " kms:CreateGrant");
    }

    private static boolean coversCreateGrant(Object action) {
        return action instanceof String a && List.of("kms:*", "kms:create*", "kms:creategrant", "*").contains(a.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean inAccount(String principal, String accountId) {
        return "*".equals(principal) || accountId.equals(principal) || principal.startsWith("arn:aws:iam::" + accountId + ":")
                || principal.matches("arn:aws[a-z-]*:iam::" + accountId + ":.*") || principal.matches("arn:aws[a-z-]*:sts::" + accountId + ":.*");
    }

    private static List<String> principals(Object principal) {
        List<String> names = new ArrayList<>();
        if (principal instanceof String s) {
            names.add(s);
        } else if (principal instanceof Map<?, ?> map) {
            list(map.get("AWS")).forEach(p -> names.add(String.valueOf(p)));
        }
        return names;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof Collection<?> c ? List.copyOf(c) : List.of(value);
    }
}
