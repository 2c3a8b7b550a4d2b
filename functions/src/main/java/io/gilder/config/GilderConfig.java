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

        /**
         * Run each function's code path once during init (read-only calls), so the first invocation
         * finds loaded classes and ready clients. Unset: only when init is not on a caller's path,
         * i.e. when Lambda reports {@code AWS_LAMBDA_INITIALIZATION_TYPE} {@code snap-start} (the
         * work lands in the snapshot) or {@code provisioned-concurrency}; on-demand cold starts would
         * only pay for it twice.
         */
        Optional<Boolean> primeClients();
    }

    /** Whether {@link Aws#primeClients()} applies to an init of the given Lambda initialization type. */
    static boolean shouldPrime(Optional<Boolean> configured, String initializationType) {
        return configured.orElseGet(() -> "snap-start".equals(initializationType) || "provisioned-concurrency".equals(initializationType));
    }

    interface Defaults {
        /** Builder and test instance type when a request names none. */
        @WithDefault("t3.medium")
        String instanceType();
    }
}
