package io.gilder.encryption;

import io.gilder.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionKeysTest {

    @Test
    void parsesOneKeyPerRegionIncludingAMultiRegionReplica() {
        RegionKeys keys = RegionKeys.parse(" us-east-1=arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd ,"
                + "eu-west-1=arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd");

        assertThat(keys.keyFor("eu-west-1")).contains("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd");
        assertThat(keys.keyFor("us-east-1")).contains("arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd");
        assertThat(keys.keyFor("ap-south-1")).isEmpty();
        assertThat(RegionKeys.parse("").keys()).isEmpty();
    }

    @Test
    void namesTheFieldAndEveryBadEntry() {
        assertThatThrownBy(() -> RegionKeys.parse("us-east-1=arn:aws:kms:eu-west-1:111122223333:key/abc,eu-west-1,"
                + "Mars=arn:aws:kms:eu-west-1:111122223333:key/abc,eu-west-2=key/abc"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fields())
                        .containsOnly("RegionKmsKeyArns").hasSize(4))
                .hasMessageContaining("the key is in eu-west-1, not us-east-1")
                .hasMessageContaining("'eu-west-1' is not region=key-arn")
                .hasMessageContaining("'Mars' is not a region name")
                .hasMessageContaining("'key/abc' is not a KMS key or alias ARN");
    }

    @Test
    void refusesARegionNamedTwice() {
        assertThatThrownBy(() -> RegionKeys.parse("eu-west-1=arn:aws:kms:eu-west-1:111122223333:key/a,"
                + "eu-west-1=arn:aws:kms:eu-west-1:111122223333:key/b")).hasMessageContaining("names eu-west-1 twice");
    }

    @Test
    void anUnknownEncryptionModeIsNamed() {
        assertThat(ImageEncryption.parse("CustomerManagedKey")).isEqualTo(ImageEncryption.CUSTOMER_MANAGED_KEY);
        assertThat(ImageEncryption.parse("")).isEqualTo(ImageEncryption.NONE);
        assertThatThrownBy(() -> ImageEncryption.parse("Aws")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.fields()).containsExactly("ImageEncryption"));
    }
}
