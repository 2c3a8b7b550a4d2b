package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/**
 * Gilder's settings. In Lambda they come from environment variables that the SAM template sets
 * from stack parameters, e.g. {@code GILDER_DEFAULTS_INSTANCE_TYPE}.
 */
@ConfigMapping(prefix = "gilder")
public interface GilderConfig {

    Aws aws();

    Defaults defaults();

    interface Aws {
        /** Region of every client; Lambda sets {@code AWS_REGION}. */
        @WithDefault("${AWS_REGION:us-east-1}")
        String region();

        /** Sends every AWS call here instead of the public endpoints (the local stack, a VPC proxy). */
        Optional<URI> endpointOverride();

        /** Make one harmless call per client during init so SnapStart snapshots a warm SDK. */
        @WithDefault("true")
        boolean primeClients();
    }

    interface Defaults {
        /** Builder and test instance type when a request names none. */
        @WithDefault("t3.medium")
        String instanceType();
    }
}
