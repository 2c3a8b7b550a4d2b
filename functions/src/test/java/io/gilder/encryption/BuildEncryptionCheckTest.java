package io.gilder.encryption;

import io.gilder.error.FieldProblem;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class BuildEncryptionCheckTest {

    final FakeEncryptionKeys keys = new FakeEncryptionKeys();

    @Test
    void anAccountEncryptingByDefaultWithTheAwsManagedKeyCannotBuildImagesToShare() {
        String awsEbs = "arn:aws:kms:us-east-1:999999999999:key/aws-ebs";
        keys.keys.put("alias/aws/ebs", new KeyFacts(awsEbs, "us-east-1", "Enabled", "AWS", false));
        keys.ebsDefaults.put("us-east-1", "alias/aws/ebs");
        EncryptionPolicy none = EncryptionPolicy.none();

        assertThat(new BuildEncryptionCheck(none, keys, "us-east-1", true).refusals()).singleElement()
                .extracting(FieldProblem::field).isEqualTo("ImageEncryption");
        assertThat(new BuildEncryptionCheck(none, keys, "us-east-1", false).refusals()).isEmpty();
    }

    @Test
    void anAccountEncryptingByDefaultWithACustomerKeyBuilds() {
        String key = keys.customerKey("us-east-1", "default");
        keys.ebsDefaults.put("us-east-1", key);

        assertThat(new BuildEncryptionCheck(EncryptionPolicy.none(), keys, "us-east-1", true).refusals()).isEmpty();
        assertThat(keys.calls).contains("DescribeKey " + key);
    }

    @Test
    void noEncryptionAsksNoKey() {
        assertThat(new BuildEncryptionCheck(EncryptionPolicy.none(), keys, "us-east-1", true).refusals()).isEmpty();
        assertThat(keys.calls).containsExactly("GetEbsEncryptionByDefault us-east-1");
    }
}
