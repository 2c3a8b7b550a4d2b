package io.gilder.encryption;

import io.gilder.config.EncryptionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stack's {@link EncryptionPolicy}, made from its settings (a malformed setting fails the first call naming its parameter). */
@ApplicationScoped
public class EncryptionBeans {

    @Produces
    @jakarta.inject.Singleton
    EncryptionPolicy encryptionPolicy(EncryptionConfig config) {
        return new EncryptionPolicy(ImageEncryption.parse(config.mode()), config.imageKeyArn().orElse(null),
                RegionKeys.parse(config.regionKeyArns().orElse("")));
    }
}
