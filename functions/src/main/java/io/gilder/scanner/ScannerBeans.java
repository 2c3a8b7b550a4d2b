package io.gilder.scanner;

import io.gilder.aws.AwsCall;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.config.GilderConfig;
import io.gilder.config.ScannerConfig;
import io.gilder.scan.CredentialStore;
import io.gilder.scan.Scanners;
import io.gilder.scanner.inspector.InspectorScanner;
import io.gilder.scanner.qualys.QualysScanner;
import io.gilder.scanner.qualys.QualysSettings;
import io.gilder.scanner.tenable.TenableScanner;
import io.gilder.scanner.tenable.TenableSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.inspector2.Inspector2Client;

/**
 * Builds the scanner adapters from their settings ({@link ScannerConfig}), once per container: Qualys, Tenable and Amazon
 * Inspector. Missing settings are reported when a build names the scanner or a scan needs them; the Inspector client is
 * created only when an Inspector scan is asked for.
 */
@ApplicationScoped
public class ScannerBeans {

    /** Bound of one scanner API request; fetching large results (Qualys JSON, a Tenable .nessus export) is the slowest call. */
    static final Duration SCANNER_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Produces
    @Singleton
    Scanners scanners(GilderConfig config, ScannerConfig scanners, CredentialStore credentials, Instance<Inspector2Client> inspector,
            RegionalAwsClients aws) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        ScannerConfig.Qualys qualys = scanners.qualys();
        QualysSettings qualysSettings = new QualysSettings(qualys.baseUrl(), qualys.credentialsSecretArn().orElse(null),
                qualys.optionProfile(), qualys.scannerAppliance().orElse(null), SCANNER_REQUEST_TIMEOUT);
        ScannerConfig.Tenable tenable = scanners.tenable();
        TenableSettings tenableSettings = new TenableSettings(tenable.baseUrl(), tenable.credentialsSecretArn().orElse(null),
                tenable.scannerName().orElse(null), tenable.templateName(),
                tenable.managedCredentialIds().orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
                SCANNER_REQUEST_TIMEOUT);
        ScannerConfig.Network network = scanners.network();
        boolean networkPath = network.sourceCidr().filter(s -> !s.isBlank()).isPresent()
                || network.securityGroupId().filter(s -> !s.isBlank()).isPresent();
        return new Scanners(List.of(
                new QualysScanner(http, qualysSettings, credentials),
                new TenableScanner(http, tenableSettings, credentials),
                new InspectorScanner(inspector::get,
                        () -> AwsCall.run("STS GetCallerIdentity", () -> aws.sts().getCallerIdentity()).account(),
                        config.aws().region())), networkPath);
    }
}
