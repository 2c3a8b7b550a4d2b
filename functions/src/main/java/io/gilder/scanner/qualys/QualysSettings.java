package io.gilder.scanner.qualys;

import java.net.URI;
import java.time.Duration;

/**
 * How Gilder reaches the Qualys API. Optional values are {@code null} when not configured; the
 * adapter reports them by their environment variable when a call needs them.
 *
 * @param baseUrl              API server of the subscription's platform, e.g. {@code https://qualysapi.qualys.com}
 * @param credentialsSecretArn Secrets Manager secret with {@code {"username","password"}}, or null
 * @param optionProfile        option profile title of every scan
 * @param scannerAppliance     scanner appliance that can reach the test instances' subnet, or null
 * @param requestTimeout       bound of one HTTP request, connection included
 */
public record QualysSettings(URI baseUrl, String credentialsSecretArn, String optionProfile, String scannerAppliance,
        Duration requestTimeout) {

    String credentialsSecretArnOrFail() {
        return required(credentialsSecretArn, "gilder.scanner.qualys.credentials-secret-arn (GILDER_SCANNER_QUALYS_CREDENTIALS_SECRET_ARN)");
    }

    String scannerApplianceOrFail() {
        return required(scannerAppliance, "gilder.scanner.qualys.scanner-appliance (GILDER_SCANNER_QUALYS_SCANNER_APPLIANCE)");
    }

    private static String required(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(setting + " is not set: Qualys scans need it");
        }
        return value;
    }
}
