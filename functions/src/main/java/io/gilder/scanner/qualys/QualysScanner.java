package io.gilder.scanner.qualys;

import io.gilder.scan.CredentialStore;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanTarget;
import io.gilder.scan.Scanner;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * Qualys VM through its API v2: adds the test instance's private IP to the subscription (VM enabled),
 * launches a scan of it on the configured scanner appliance with the configured option profile,
 * follows it in the scan list and fetches its results as JSON.
 */
public class QualysScanner implements Scanner {

    public static final String NAME = "qualys";

    private final QualysSettings settings;
    private final QualysHttp http;

    public QualysScanner(HttpClient http, QualysSettings settings, CredentialStore credentials) {
        this.settings = settings;
        this.http = new QualysHttp(http, settings, credentials);
    }

    @Override
    public java.util.Optional<String> missingSettings() {
        return blank(settings.credentialsSecretArn()) ? java.util.Optional.of("QualysCredentialsSecretArn is empty")
                : java.util.Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean scansOverTheNetwork() {
        return true;
    }

    @Override
    public String start(ScanTarget target) {
        String appliance = settings.scannerApplianceOrFail();
        QualysResponses.requireSuccess(QualysCall.ADD_IP,
                http.send(QualysCall.ADD_IP, Map.of("ips", target.privateIp(), "enable_vm", "1")));
        byte[] launched = http.send(QualysCall.LAUNCH_SCAN, Map.of("scan_title", target.title(), "ip", target.privateIp(),
                "option_title", settings.optionProfile(), "iscanner_name", appliance));
        return QualysResponses.scanReference(QualysCall.LAUNCH_SCAN, launched);
    }

    @Override
    public ScanProgress status(String scanRef) {
        return QualysResponses.scanProgress(QualysCall.LIST_SCANS, http.send(QualysCall.LIST_SCANS, Map.of("scan_ref", scanRef)),
                scanRef);
    }

    @Override
    public ScanResults results(String scanRef) {
        byte[] raw = http.send(QualysCall.FETCH_SCAN, Map.of("scan_ref", scanRef, "output_format", "json", "mode", "extended"));
        QualysFindings.Parsed parsed = QualysFindings.parse(QualysCall.FETCH_SCAN, raw);
        return new ScanResults(raw, "application/json", parsed.findings(), parsed.coverage());
    }
}
