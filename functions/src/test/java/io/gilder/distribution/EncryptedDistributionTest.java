package io.gilder.distribution;

import io.gilder.encryption.EncryptionPolicy;
import io.gilder.encryption.FakeEncryptionKeys;
import io.gilder.encryption.ImageEncryption;
import io.gilder.encryption.KeyGrants;
import io.gilder.encryption.RegionKeys;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.FakeRegionalImages;
import io.gilder.registry.GilderTags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Distribution of an encrypted golden image: a key per region, a grant per account, all checked before anything is copied. */
class EncryptedDistributionTest {

    final FakeRegionalImages images = new FakeRegionalImages();
    final FakeEncryptionKeys keys = new FakeEncryptionKeys();
    final String homeKey = keys.customerKey("us-east-1", "home");
    final String europeKey = keys.customerKey("eu-west-1", "europe");
    final EncryptionPolicy policy = new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, homeKey,
            RegionKeys.parse("eu-west-1=" + europeKey));
    final ImageDistribution distribution = new ImageDistribution(images, new ImageDistributionTest.NoRegistries(), 3, policy, keys);

    private DistributionImage golden() {
        String id = images.addEncrypted("us-east-1", ImageDistributionTest.IMAGE.name(), homeKey,
                Map.of(GilderTags.AMI_TYPE, GilderTags.GOLDEN));
        DistributionImage i = ImageDistributionTest.IMAGE;
        return new DistributionImage(id, i.name(), i.parameterName(), "us-east-1", i.product(), i.os(), i.buildVersion());
    }

    @Test
    void theCopyIsReEncryptedWithItsRegionsKeyAndEachAccountGetsOneGrantOnIt() {
        DistributionImage image = golden();
        String copy = distribution.copy("arn:exec", image, "eu-west-1").imageId();

        distribution.share("eu-west-1", copy, List.of("111111111111", "222222222222"), image.parameterName(), "arn:exec");
        distribution.share("eu-west-1", copy, List.of("111111111111", "222222222222"), image.parameterName(), "arn:exec");
        distribution.share("us-east-1", image.imageId(), List.of("111111111111"), image.parameterName(), "arn:exec");

        assertThat(images.keyOf).containsEntry(copy, europeKey);
        assertThat(keys.grants.get(europeKey)).containsOnly(Map.entry(KeyGrants.name(image.imageId(), "111111111111"), "111111111111"),
                Map.entry(KeyGrants.name(image.imageId(), "222222222222"), "222222222222"));
        assertThat(keys.grants.get(homeKey)).containsOnlyKeys(KeyGrants.name(image.imageId(), "111111111111"));
    }

    @Test
    void anUnencryptedImageIsCopiedPlainWhenEncryptionIsOffAndSharedWithoutGrants() {
        ImageDistribution plain = new ImageDistribution(images, new ImageDistributionTest.NoRegistries(), 3,
                new EncryptionPolicy(ImageEncryption.NONE, null, RegionKeys.parse("eu-west-1=" + europeKey)), keys);
        String copy = plain.copy("arn:exec", ImageDistributionTest.IMAGE, "eu-west-1").imageId();
        plain.share("eu-west-1", copy, List.of("111111111111"), ImageDistributionTest.IMAGE.parameterName(), "arn:exec");

        assertThat(images.keyOf).doesNotContainKey(copy);
        assertThat(keys.grants).isEmpty();
    }

    @Test
    void validationRefusesARegionWithoutAKeyBeforeAnythingIsCopiedOrGranted() {
        DistributionImage image = golden();
        DistributionValidator validator = new DistributionValidator(() -> DistributionRequestParserTest.REGIONS,
                name -> Optional.of(image.imageId()), images, "us-east-1", 30, io.gilder.encryption.EncryptionPolicyTest.JSON,
                AccountScope.of(AccountScope.ALLOWLIST, List.of("111111111111", "222222222222")), account -> {
                    throw new AssertionError("Allowlist mode asks no organization");
                }, new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, homeKey, RegionKeys.none()), keys);

        assertThatThrownBy(() -> validator.validate(Map.of("productName", "WebServer-1.2", "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "3", "MetadataJSON", Map.of("111111111111", "us-east-1,eu-west-1")), "999999999999"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fields()).as(e.getMessage()).containsExactly("RegionKmsKeyArns"))
                .hasMessageContaining("no key for eu-west-1").hasMessageContaining("encrypted with " + homeKey);
        assertThat(images.copyTokens).isEmpty();
        assertThat(keys.grants).isEmpty();
    }
}
