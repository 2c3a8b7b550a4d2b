package io.gilder.scanner.tenable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How Gilder reaches Tenable Vulnerability Management. Optional values are {@code null} when not
 * configured; the adapter reports them by their environment variable when a call needs them.
 *
 * @param baseUrl              API server, e.g. {@code https://cloud.tenable.com}
 * @param credentialsSecretArn Secrets Manager secret with {@code {"accessKey","secretKey"}}, or null
 * @param scannerName          name of the scanner (or scanner group) that reaches the test instances' subnet, or null
 * @param templateName         unique name of the Tenable-provided scan template, e.g. {@code basic} (not its title, which repeats)
 * @param managedCredentialIds UUIDs of credentials already managed in Tenable for credentialed scans (empty: none)
 * @param requestTimeout       bound of one HTTP request, connection included
 */
public record TenableSettings(URI baseUrl, String credentialsSecretArn, String scannerName, String templateName,
        List<String> managedCredentialIds, Duration requestTimeout) {

    public TenableSettings {
        managedCredentialIds = managedCredentialIds == null ? List.of() : List.copyOf(managedCredentialIds);
    }

    String credentialsSecretArnOrFail() {
        return required(credentialsSecretArn, "gilder.scanner.tenable.credentials-secret-arn (GILDER_SCANNER_TENABLE_CREDENTIALS_SECRET_ARN)");
    }

    String scannerNameOrFail() {
        return required(scannerName, "gilder.scanner.tenable.scanner-name (GILDER_SCANNER_TENABLE_SCANNER_NAME)");
    }

    private static String required(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(setting + " is not set: Tenable scans need it");
        }
        return value;
    }
}
