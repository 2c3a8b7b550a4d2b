package io.gilder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the scanners, one scheme for all: {@code gilder.scanner.<scanner>.*}, in Lambda the environment
 * variables {@code GILDER_SCANNER_<SCANNER>_*}, e.g. {@code GILDER_SCANNER_QUALYS_CREDENTIALS_SECRET_ARN} or
 * {@code GILDER_SCANNER_TENABLE_SCANNER_NAME}. Amazon Inspector needs none: it is asked about this account
 * ({@code sts:GetCallerIdentity}) in {@code gilder.aws.region}.
 */
@ConfigMapping(prefix = "gilder.scanner")
public interface ScannerConfig {

    Qualys qualys();

    Tenable tenable();

    /** How network scanners (Qualys, Tenable) reach the test instance: {@code GILDER_SCANNER_NETWORK_*}. */
    Network network();

    /**
     * The stack's network path from a scanner to the test instance, one of which a Qualys or Tenable scan needs.
     */
    interface Network {
        /** {@code ScannerSourceCidr}: the scanner appliance's address range (an appliance in a peered VPC or on premises). */
        Optional<String> sourceCidr();

        /** {@code ScannerSecurityGroupId}: the security group of a scanner appliance in the pipeline's VPC. */
        Optional<String> securityGroupId();
    }

    /**
     * The state machines whose executions start scans, so that Discard Scans knows a build's scans from a rescan's by the
     * ended execution's state machine: {@code GILDER_SCANNER_OWNERS_BUILD_STATE_MACHINE_ARN},
     * {@code GILDER_SCANNER_OWNERS_RESCAN_STATE_MACHINE_ARN} (set on that function only).
     */
    Owners owners();

    interface Owners {
        Optional<String> buildStateMachineArn();

        Optional<String> rescanStateMachineArn();
    }

    /** Qualys VM. */
    interface Qualys {
        @WithDefault("https://qualysapi.qualys.com")
        URI baseUrl();

        /** Secrets Manager secret with {"username":"...","password":"..."}. */
        Optional<String> credentialsSecretArn();

        @WithDefault("Initial Options")
        String optionProfile();

        Optional<String> scannerAppliance();
    }

    /** Tenable Vulnerability Management (Tenable.io). */
    interface Tenable {
        @WithDefault("https://cloud.tenable.com")
        URI baseUrl();

        /** Secrets Manager secret with {"accessKey":"...","secretKey":"..."} of a Tenable user with Scan Operator rights. */
        Optional<String> credentialsSecretArn();

        /** Name of the scanner (as {@code GET /scanners} lists it) that can reach the test instances' subnet. */
        Optional<String> scannerName();

        /**
         * Unique name of the Tenable-provided scan template, e.g. {@code basic} (titles repeat: "Policy Compliance
         * Auditing" and "Malware Scan" each name two templates).
         */
        @WithDefault("basic")
        String templateName();

        /** UUIDs of credentials already managed in Tenable, for credentialed scans (comma-separated); unset: uncredentialed. */
        Optional<List<String>> managedCredentialIds();
    }
}
