package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The stack's image encryption, from {@code GILDER_ENCRYPTION_MODE}, {@code GILDER_ENCRYPTION_IMAGE_KEY_ARN} and
 * {@code GILDER_ENCRYPTION_REGION_KEY_ARNS} (the template's {@code ImageEncryption}, {@code ImageKmsKeyArn} or the key
 * it creates, and {@code RegionKmsKeyArns}); see {@code io.gilder.encryption.EncryptionPolicy}.
 */
@ConfigMapping(prefix = "gilder.encryption")
public interface EncryptionConfig {

    /** {@code None}, {@code AccountDefault} or {@code CustomerManagedKey}. */
    @WithDefault("None")
    String mode();

    /** The pipeline region's customer managed key (unset or blank: none). */
    Optional<String> imageKeyArn();

    /** {@code region=key-arn,...} (unset or blank: none). */
    Optional<String> regionKeyArns();
}
