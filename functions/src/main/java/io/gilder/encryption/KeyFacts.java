package io.gilder.encryption;

/**
 * What KMS says of a key ({@code DescribeKey}) in one region.
 *
 * @param arn         the key's ARN (an alias resolved)
 * @param region      the region asked
 * @param keyState    {@code Enabled}, {@code Disabled}, {@code PendingDeletion}...
 * @param keyManager  {@code CUSTOMER} or {@code AWS} (an AWS managed key such as {@code aws/ebs}: its policy cannot be
 *                    changed and it cannot be granted to other accounts)
 * @param multiRegion whether it is a multi-Region key (a replica in each region shares its key material)
 */
public record KeyFacts(String arn, String region, String keyState, String keyManager, boolean multiRegion) {

    public boolean awsManaged() {
        return "AWS".equals(keyManager);
    }

    public boolean enabled() {
        return "Enabled".equals(keyState);
    }
}
