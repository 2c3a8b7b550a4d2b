package io.gilder.encryption;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The refusals of undistributable encryption, decided before anything is created. */
public class EncryptionPolicyTest {

    public static final Function<String, Object> JSON = text -> {
        try {
            return new ObjectMapper().readValue(text, Object.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    };

    final FakeEncryptionKeys keys = new FakeEncryptionKeys();
    final String home = keys.customerKey("us-east-1", "mrk-home");
    final String europe = keys.customerKey("eu-west-1", "mrk-home");
    final String asia = keys.customerKey("ap-south-1", "asia-1");
    final Map<String, List<String>> targets = Map.of("us-east-1", List.of("111111111111"), "eu-west-1",
            List.of("111111111111", "222222222222"), "ap-south-1", List.of("222222222222"));

    private EncryptionPolicy policy(ImageEncryption mode, String regionKeys) {
        return new EncryptionPolicy(mode, mode == ImageEncryption.CUSTOMER_MANAGED_KEY ? home : null, RegionKeys.parse(regionKeys));
    }

    private List<FieldProblem> refusals(EncryptionPolicy policy, String imageKey) {
        return policy.distributionRefusals("us-east-1", imageKey, targets, "999999999999", keys, JSON);
    }

    @Test
    void aKeyPerRegionThatThePipelineMayGrantIsAccepted() {
        EncryptionPolicy policy = policy(ImageEncryption.CUSTOMER_MANAGED_KEY, "eu-west-1=" + europe + ",ap-south-1=" + asia);

        assertThat(refusals(policy, home)).isEmpty();
        assertThat(keys.calls).contains("DescribeKey " + europe, "GetKeyPolicy " + asia, "DescribeKey " + home);
        assertThat(keys.calls).noneMatch(c -> c.startsWith("CreateGrant"));
    }

    @Test
    void aTargetRegionWithoutAKeyIsNamedWhenTheImageIsEncrypted() {
        EncryptionPolicy policy = policy(ImageEncryption.NONE, "eu-west-1=" + europe);

        assertThat(refusals(policy, home)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("RegionKmsKeyArns");
            assertThat(p.problem()).contains("no key for ap-south-1").contains("ap-south-1=<key ARN>");
        });
    }

    @Test
    void anUnencryptedImageWithEncryptionOffNeedsNoKeyAndAsksKmsNothing() {
        assertThat(refusals(policy(ImageEncryption.NONE, ""), null)).isEmpty();
        assertThat(keys.calls).isEmpty();
    }

    @Test
    void theAwsManagedKeyCannotBeSharedWithChildAccounts() {
        String awsEbs = "arn:aws:kms:us-east-1:999999999999:key/aws-ebs";
        keys.keys.put(awsEbs, new KeyFacts(awsEbs, "us-east-1", "Enabled", "AWS", false));
        EncryptionPolicy policy = policy(ImageEncryption.ACCOUNT_DEFAULT, "eu-west-1=" + europe + ",ap-south-1=" + asia);

        assertThat(refusals(policy, awsEbs)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("ImageEncryption");
            assertThat(p.problem()).contains(awsEbs).contains("AWS managed").contains("CustomerManagedKey");
        });
        // with no account to share to in the home region, the AWS managed key is fine there (copies use the region keys)
        assertThat(policy.distributionRefusals("us-east-1", awsEbs, Map.of("us-east-1", List.of(), "eu-west-1", List.of("1")),
                "999999999999", keys, JSON)).isEmpty();
    }

    @Test
    void aDisabledMissingOrUngrantableKeyIsNamedWithTheMissingPermission() {
        keys.keys.put(europe, new KeyFacts(europe, "eu-west-1", "PendingDeletion", "CUSTOMER", true));
        keys.policies.put(asia, "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999999999999:root\"},"
                + "\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}");
        keys.keys.remove(home);
        EncryptionPolicy policy = policy(ImageEncryption.CUSTOMER_MANAGED_KEY, "eu-west-1=" + europe + ",ap-south-1=" + asia);

        List<FieldProblem> problems = refusals(policy, home);

        assertThat(problems).extracting(FieldProblem::problem).anySatisfy(p -> assertThat(p).contains(europe).contains("PendingDeletion"))
                .anySatisfy(p -> assertThat(p).contains(asia).contains("kms:CreateGrant"))
                .anySatisfy(p -> assertThat(p).contains(home).contains("kms:DescribeKey"));
        assertThat(problems).hasSize(3);
    }

    @Test
    void anUnreadableKeyPolicyIsNamed() {
        keys.policies.remove(europe);
        EncryptionPolicy policy = policy(ImageEncryption.CUSTOMER_MANAGED_KEY, "eu-west-1=" + europe + ",ap-south-1=" + asia);

        assertThat(refusals(policy, home)).singleElement().extracting(FieldProblem::problem).asString()
                .contains(europe).contains("kms:GetKeyPolicy");
    }

    @Test
    void customerManagedKeyNeedsItsArn() {
        EncryptionPolicy policy = new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, " ", RegionKeys.none());

        assertThat(policy.settingProblems()).extracting(FieldProblem::field).containsExactly("ImageKmsKeyArn");
        assertThat(new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, "key/abc", RegionKeys.none()).settingProblems())
                .singleElement().extracting(FieldProblem::problem).asString().contains("not a KMS key or alias ARN");
    }

    @Test
    void theBuildKeyFollowsTheModeAndTheAccountsEbsDefault() {
        String accountDefault = "arn:aws:kms:us-east-1:999999999999:key/default";
        assertThat(policy(ImageEncryption.NONE, "").buildKey(false, accountDefault)).isEmpty();
        assertThat(policy(ImageEncryption.NONE, "").buildKey(true, accountDefault)).contains(accountDefault);
        assertThat(policy(ImageEncryption.ACCOUNT_DEFAULT, "").buildKey(false, null)).contains("alias/aws/ebs");
        assertThat(policy(ImageEncryption.CUSTOMER_MANAGED_KEY, "").buildKey(true, accountDefault)).contains(home);
    }

    @Test
    void aBuildThatWouldEncryptWithTheAwsManagedKeyIsRefusedWhenTheStackSharesImages() {
        String awsEbs = "arn:aws:kms:us-east-1:999999999999:key/aws-ebs";
        keys.keys.put("alias/aws/ebs", new KeyFacts(awsEbs, "us-east-1", "Enabled", "AWS", false));
        EncryptionPolicy accountDefault = policy(ImageEncryption.ACCOUNT_DEFAULT, "");

        assertThat(accountDefault.buildRefusals("us-east-1", Optional.of("alias/aws/ebs"), true, keys)).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("ImageEncryption"));
        assertThat(accountDefault.buildRefusals("us-east-1", Optional.of("alias/aws/ebs"), false, keys)).isEmpty();
        assertThat(policy(ImageEncryption.CUSTOMER_MANAGED_KEY, "").buildRefusals("us-east-1", Optional.of(home), true, keys)).isEmpty();
    }
}
