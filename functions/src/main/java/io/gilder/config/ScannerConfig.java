package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the scanners besides Qualys ({@code gilder.qualys.*} in {@link GilderConfig}), e.g.
 * {@code GILDER_SCANNER_TENABLE_SCANNER_NAME}. Amazon Inspector needs none: it is asked about this
 * account ({@code sts:GetCallerIdentity}) in {@code gilder.aws.region}.
 */
@ConfigMapping(prefix = "gilder.scanner")
public interface ScannerConfig {

    Tenable tenable();

    /** Tenable Vulnerability Management (Tenable.io). */
    interface Tenable {
        @WithDefault("https://cloud.tenable.com")
        URI baseUrl();

        /** Secrets Manager secret with {"accessKey":"...","secretKey":"..."} of a Tenable user with Scan Operator rights. */
        Optional<String> credentialsSecretArn();

        /** Name of the scanner (as {@code GET /scanners} lists it) that can reach the test instances' subnet. */
        Optional<String> scannerName();

        /** Title of the Tenable-provided scan template. */
        @WithDefault("Basic Network Scan")
        String templateTitle();

        /** UUIDs of credentials already managed in Tenable, for credentialed scans (comma-separated); unset: uncredentialed. */
        Optional<List<String>> managedCredentialIds();
    }
}
