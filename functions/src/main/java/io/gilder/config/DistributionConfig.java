package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the {@code distribute-golden-ami} workflow, from environment variables such as
 * {@code GILDER_DISTRIBUTION_CROSS_ACCOUNT_ROLE_NAME} that the SAM template sets from stack parameters.
 */
@ConfigMapping(prefix = "gilder.distribution")
public interface DistributionConfig {

    /**
     * Role the pipeline assumes in each child account (distribution and decommission alike, through
     * {@code ChildAccountClients}); equals the child template's {@code CrossAccountRoleName}.
     */
    @WithDefault("GilderCrossAccountRole")
    String crossAccountRoleName();

    /** ExternalId the child accounts' role requires (unset or blank: none). */
    Optional<String> crossAccountExternalId();

    /**
     * Which accounts may receive golden images: {@code Allowlist} (those of {@link #allowedAccounts()}) or
     * {@code Organization} (ACTIVE members of the pipeline account's AWS Organization); the template's
     * {@code DistributionAccountScope}. Anything else refuses every account.
     */
    @WithDefault("Allowlist")
    String accountScope();

    /** The template's {@code DistributionAllowedAccounts}: 12-digit account ids (unset or blank: none). */
    Optional<List<String>> allowedAccounts();

    /** Checks of a regional copy's wait loop before giving up (copies of large images take an hour or more). */
    @WithDefault("240")
    int copyAvailableAttempts();
}
