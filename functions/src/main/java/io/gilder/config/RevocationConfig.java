package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Settings of revocation and retention, e.g. {@code GILDER_REVOCATION_MODE} (the stack parameter {@code RevocationMode}) and
 * {@code GILDER_REVOCATION_RETAIN_VERSIONS} ({@code RetainVersions}).
 */
@ConfigMapping(prefix = "gilder.revocation")
public interface RevocationConfig {

    /** The mode of a revocation whose input names none: {@code report}, {@code deprecate} or {@code revoke}. */
    @WithDefault("report")
    String mode();

    /** Retention: how many of the newest versions of a product on an OS stay undeprecated after an approval; 0 keeps all. */
    @WithDefault("0")
    int retainVersions();

    /** The {@code revoke-golden-ami} state machine that request-revocation starts. */
    Optional<String> stateMachineArn();
}
