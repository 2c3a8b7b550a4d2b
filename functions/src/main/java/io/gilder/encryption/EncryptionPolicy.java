package io.gilder.encryption;

import io.gilder.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stack's image encryption ({@code ImageEncryption}, {@code ImageKmsKeyArn}, {@code RegionKmsKeyArns}) and the rules
 * that refuse, before anything is created, a build or distribution whose images could not be distributed. The rules
 * take what they need to know of keys through {@link EncryptionKeys} (read-only calls: {@code DescribeKey},
 * {@code GetKeyPolicy}) and decide nothing else from AWS.
 *
 * @param imageKeyArn the customer managed key of the pipeline region (the one the stack was given or created), or null
 */
public record EncryptionPolicy(ImageEncryption mode, String imageKeyArn, RegionKeys regionKeys) {

    public static final String MODE_FIELD = "ImageEncryption";
    public static final String IMAGE_KEY_FIELD = "ImageKmsKeyArn";
    public static final String REGION_KEYS_FIELD = RegionKeys.FIELD;

    public EncryptionPolicy {
        imageKeyArn = imageKeyArn == null || imageKeyArn.isBlank() ? null : imageKeyArn.trim();
        regionKeys = regionKeys == null ? RegionKeys.none() : regionKeys;
    }

    public static EncryptionPolicy none() {
        return new EncryptionPolicy(ImageEncryption.NONE, null, RegionKeys.none());
    }

    /** Problems of the settings themselves (no AWS call). */
    public List<FieldProblem> settingProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (mode == ImageEncryption.CUSTOMER_MANAGED_KEY && imageKeyArn == null) {
            problems.add(new FieldProblem(IMAGE_KEY_FIELD, "is empty while ImageEncryption is CustomerManagedKey (the stack "
                    + "passes the key it creates when the parameter is left empty)"));
        }
        if (imageKeyArn != null && !RegionKeys.isKeyArn(imageKeyArn)) {
            problems.add(new FieldProblem(IMAGE_KEY_FIELD, "'" + imageKeyArn + "' is not a KMS key or alias ARN"));
        }
        return problems;
    }

    /**
     * The key the builder's volumes (hence the candidate's snapshots) are encrypted with: the customer managed key;
     * the account default when {@code AccountDefault}, or when {@code None} and the account encrypts EBS by default
     * ({@code defaultKey}: the account's default EBS key, {@code alias/aws/ebs} unless changed); empty: unencrypted.
     */
    public Optional<String> buildKey(boolean encryptedByDefault, String defaultKey) {
        return switch (mode) {
            case CUSTOMER_MANAGED_KEY -> Optional.ofNullable(imageKeyArn);
            case ACCOUNT_DEFAULT -> Optional.ofNullable(defaultKey == null ? "alias/aws/ebs" : defaultKey);
            case NONE -> encryptedByDefault ? Optional.ofNullable(defaultKey == null ? "alias/aws/ebs" : defaultKey) : Optional.empty();
        };
    }

    /**
     * Why a build could not be distributed later: the key it would encrypt with is missing, not enabled, or AWS managed
     * while the stack may share images with other accounts ({@code shares}).
     */
    public List<FieldProblem> buildRefusals(String region, Optional<String> buildKey, boolean shares, EncryptionKeys keys) {
        List<FieldProblem> problems = new ArrayList<>(settingProblems());
        if (!problems.isEmpty() || buildKey.isEmpty()) {
            return problems;
        }
        String field = mode == ImageEncryption.CUSTOMER_MANAGED_KEY ? IMAGE_KEY_FIELD : MODE_FIELD;
        keyProblem(field, region, buildKey.get(), keys.describe(region, buildKey.get()), shares).ifPresent(problems::add);
        return problems;
    }

    /**
     * Why a distribution could not reach its targets: a copy region without a key when copies are encrypted; a key that
     * is missing, not enabled, AWS managed, or on which the key policy gives the pipeline account no {@code kms:CreateGrant}.
     *
     * @param imageKey          the key of the image's snapshots, or null when unencrypted
     * @param accountsByRegion  each target region with its accounts
     * @param decodeJson        decodes a key policy
     */
    public List<FieldProblem> distributionRefusals(String homeRegion, String imageKey, Map<String, List<String>> accountsByRegion,
            String pipelineAccount, EncryptionKeys keys, Function<String, Object> decodeJson) {
        List<FieldProblem> problems = new ArrayList<>(settingProblems());
        boolean encrypted = imageKey != null;
        if (!problems.isEmpty() || (!encrypted && mode == ImageEncryption.NONE)) {
            return problems;
        }
        accountsByRegion.forEach((region, accounts) -> {
            boolean shared = !accounts.isEmpty();
            String field;
            String key;
            if (region.equals(homeRegion)) {
                if (!encrypted) {
                    return; // the golden image itself is shared as it is
                }
                field = mode == ImageEncryption.CUSTOMER_MANAGED_KEY ? IMAGE_KEY_FIELD : MODE_FIELD;
                key = imageKey;
            } else {
                Optional<String> regional = regionKeys.keyFor(region);
                if (regional.isEmpty()) {
                    problems.add(new FieldProblem(REGION_KEYS_FIELD, "has no key for " + region + ", a target region: "
                            + (encrypted ? "the image is encrypted" : "ImageEncryption is " + mode.parameterValue())
                            + ", so its copy there is encrypted with that region's key; add " + region + "=<key ARN>"));
                    return;
                }
                field = REGION_KEYS_FIELD;
                key = regional.get();
            }
            Optional<KeyFacts> facts = keys.describe(region, key);
            Optional<FieldProblem> problem = keyProblem(field, region, key, facts, shared);
            if (problem.isPresent()) {
                problems.add(problem.get());
            } else if (shared) {
                String account = pipelineAccount != null ? pipelineAccount : accountOf(facts.get().arn());
                Optional<String> policy = keys.keyPolicy(region, facts.get().arn());
                Optional<String> why = policy.isEmpty() ? Optional.of("the pipeline may not read its key policy (kms:GetKeyPolicy)")
                        : whyNoGrant(policy.get(), account, decodeJson);
                why.ifPresent(w -> problems.add(new FieldProblem(field, "key " + facts.get().arn() + " in " + region
                        + ": Gilder cannot grant it to the target accounts (missing kms:CreateGrant for the pipeline): " + w
                        + "; allow the pipeline account kms:CreateGrant in the key policy")));
            }
        });
        return problems;
    }

    private static Optional<String> whyNoGrant(String policy, String account, Function<String, Object> decodeJson) {
        try {
            return KeyPolicies.whyNoCreateGrant(decodeJson.apply(policy), account);
        } catch (IllegalArgumentException e) {
            return Optional.of("its key policy is not JSON");
        }
    }

    /** Why the key cannot encrypt a distributable image, if it cannot. */
    static Optional<FieldProblem> keyProblem(String field, String region, String key, Optional<KeyFacts> facts, boolean shared) {
        if (facts.isEmpty()) {
            return Optional.of(new FieldProblem(field, "key " + key + " in " + region + " does not exist or the pipeline may not "
                    + "use it (kms:DescribeKey refused)"));
        }
        KeyFacts f = facts.get();
        if (!f.enabled()) {
            return Optional.of(new FieldProblem(field, "key " + f.arn() + " in " + region + " is " + f.keyState() + ", not Enabled"));
        }
        if (f.awsManaged() && shared) {
            return Optional.of(new FieldProblem(field, "key " + f.arn() + " in " + region + " is AWS managed (aws/ebs): its policy "
                    + "cannot let other accounts use it, so images encrypted with it cannot be shared; use ImageEncryption="
                    + "CustomerManagedKey (and RegionKmsKeyArns) or make a customer managed key the account's default EBS key"));
        }
        return Optional.empty();
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : null;
    }
}
