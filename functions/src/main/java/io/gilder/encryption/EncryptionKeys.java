package io.gilder.encryption;

import java.util.List;
import java.util.Optional;

/** KMS keys of the pipeline account, one region at a time (the port of {@code KmsEncryptionKeys}). */
public interface EncryptionKeys {

    /**
     * The account's default EBS key of the region when EBS encryption by default is on ({@code GetEbsEncryptionByDefault},
     * {@code GetEbsDefaultKmsKeyId}); empty when it is off.
     */
    Optional<String> ebsDefaultKey(String region);

    /** {@code DescribeKey}; empty when the key does not exist or the pipeline may not describe it. */
    Optional<KeyFacts> describe(String region, String keyId);

    /**
     * The key's policy ({@code GetKeyPolicy}, policy {@code default}), or empty when the pipeline may not read it;
     * an AWS managed key's policy is readable.
     */
    Optional<String> keyPolicy(String region, String keyArn);

    /**
     * A grant named {@code name} on the key for {@code granteeAccount} (its root principal) with {@link KeyGrants#OPERATIONS};
     * an existing grant of that name is reused (found with {@code ListGrants}), so a retry creates no second one.
     *
     * @return the grant id
     */
    String grant(String region, String keyArn, String granteeAccount, String name);

    /** Revokes every grant on the key whose name starts with {@code namePrefix}; returns the names revoked. */
    List<String> revokeGrants(String region, String keyArn, String namePrefix);
}
