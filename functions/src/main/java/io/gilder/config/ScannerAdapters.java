package io.gilder.config;

import io.gilder.aws.SecretsManagerCredentialStore;
import io.gilder.port.CredentialStore;
import io.gilder.scanner.Scanners;
import io.gilder.scanner.qualys.QualysScanner;
import io.gilder.scanner.qualys.QualysSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the scanner adapters from configuration, once per container. A new scanner (Tenable,
 * Inspector) is one more entry in {@link #scanners}. Missing settings are reported when a scan needs them.
 */
@ApplicationScoped
public class ScannerAdapters {

    /** Bound of one Qualys request; fetching large results is the slowest call. */
    static final Duration QUALYS_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Produces
    @Singleton
    CredentialStore credentialStore(SecretsManagerClient secretsManager) {
        return new SecretsManagerCredentialStore(secretsManager);
    }

    @Produces
    @Singleton
    Scanners scanners(GilderConfig config, CredentialStore credentials) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        GilderConfig.Qualys qualys = config.qualys();
        QualysSettings settings = new QualysSettings(qualys.baseUrl(), qualys.credentialsSecretArn().orElse(null),
                qualys.optionProfile(), qualys.scannerAppliance().orElse(null), QUALYS_REQUEST_TIMEOUT);
        return new Scanners(List.of(new QualysScanner(http, settings, credentials)));
    }
}
