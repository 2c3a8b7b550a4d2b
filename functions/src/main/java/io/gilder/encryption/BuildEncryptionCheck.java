package io.gilder.encryption;

import io.gilder.error.FieldProblem;
import java.util.List;
import java.util.Optional;

/**
 * The build's encryption, checked by {@code ValidateBuildRequest} before anything is created: the key the candidate would
 * be encrypted with (the stack's mode and the account's EBS encryption by default) must exist, be enabled, and not be the
 * AWS managed {@code aws/ebs} key when the stack may share images with other accounts ({@code shares}).
 */
public final class BuildEncryptionCheck {

    private final EncryptionPolicy policy;
    private final EncryptionKeys keys;
    private final String region;
    private final boolean shares;

    public BuildEncryptionCheck(EncryptionPolicy policy, EncryptionKeys keys, String region, boolean shares) {
        this.policy = policy;
        this.keys = keys;
        this.region = region;
        this.shares = shares;
    }

    /** The problems found (empty: the build may start); asks EC2 for its EBS defaults only when the mode needs them. */
    public List<FieldProblem> refusals() {
        Optional<String> key;
        if (policy.mode() == ImageEncryption.CUSTOMER_MANAGED_KEY) {
            key = policy.buildKey(false, null);
        } else {
            Optional<String> accountDefault = keys.ebsDefaultKey(region);
            key = policy.buildKey(accountDefault.isPresent(), accountDefault.orElse(null));
        }
        return policy.buildRefusals(region, key, shares, keys);
    }
}
