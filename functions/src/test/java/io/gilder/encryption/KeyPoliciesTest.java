package io.gilder.encryption;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class KeyPoliciesTest {

    private static Map<String, Object> policy(Object principal, Object action, String effect) {
        return Map.of("Statement", List.of(Map.of("Effect", effect, "Principal", principal, "Action", action, "Resource", "*")));
    }

    @Test
    void theDefaultKeyPolicyDelegatesToTheAccountsIamPolicies() {
        assertThat(KeyPolicies.whyNoCreateGrant(policy(Map.of("AWS", "arn:aws:iam::111122223333:root"), "kms:*", "Allow"),
                "111122223333")).isEmpty();
        assertThat(KeyPolicies.whyNoCreateGrant(policy(Map.of("AWS", List.of("arn:aws:iam::111122223333:role/GilderPipeline")),
                List.of("kms:Decrypt", "kms:CreateGrant"), "Allow"), "111122223333")).isEmpty();
    }

    @Test
    void aPolicyOfAnotherAccountOrWithoutCreateGrantOrDenyingIsNamed() {
        assertThat(KeyPolicies.whyNoCreateGrant(policy(Map.of("AWS", "arn:aws:iam::444455556666:root"), "kms:*", "Allow"),
                "111122223333")).get().asString().contains("111122223333").contains("kms:CreateGrant");
        assertThat(KeyPolicies.whyNoCreateGrant(policy(Map.of("AWS", "arn:aws:iam::111122223333:root"),
                List.of("kms:Encrypt", "kms:Decrypt"), "Allow"), "111122223333")).isPresent();
        assertThat(KeyPolicies.whyNoCreateGrant(policy("*", "kms:CreateGrant", "Deny"), "111122223333")).isPresent();
        assertThat(KeyPolicies.whyNoCreateGrant("not a map", "111122223333")).isPresent();
    }
}
