package io.gilder.scanner.qualys;

import io.gilder.error.ScannerBusyException;
import io.gilder.error.ScannerRejectedException;
import io.gilder.scan.CredentialStore;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanTarget;
import io.gilder.scan.ScanTitle;
import io.gilder.scan.Scanner;
import java.net.http.HttpClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Qualys VM through its API v2: adds the test instance's private IP to the subscription (VM enabled),
 * launches a scan of it on the configured scanner appliance with the configured option profile,
 * follows it in the scan list and fetches its results as JSON.
 *
 * <p>Discard: lists the scans launched since the execution started ({@code launched_after_datetime}); each whose
 * {@code TITLE} is one of the execution's titles is canceled while it has not ended ({@code action=cancel}) and deleted
 * ({@code action=delete}). Qualys deletes a scan only once it has ended: a refusal of an active scan's deletion (still
 * canceling) is a {@link ScannerBusyException} naming it, after the others were deleted, so that the retried call
 * deletes it. The IP added to the subscription stays: Qualys has no API removing one (docs/scanners.md).
 */
public class QualysScanner implements Scanner {

    public static final String NAME = "qualys";
    /** Scan states after which a scan runs no more; any other state is canceled before the scan is deleted. */
    static final Set<String> ENDED = Set.of("Finished", "Error", "Canceled");
    private static final DateTimeFormatter LAUNCHED_AFTER = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final QualysSettings settings;
    private final QualysHttp http;

    public QualysScanner(HttpClient http, QualysSettings settings, CredentialStore credentials) {
        this.settings = settings;
        this.http = new QualysHttp(http, settings, credentials);
    }

    @Override
    public Optional<String> missingSettings() {
        return blank(settings.credentialsSecretArn()) ? Optional.of("QualysCredentialsSecretArn is empty")
                : Optional.empty();
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

    @Override
    public List<String> discard(ScanTitle owner, Instant since) {
        List<QualysResponses.ListedScan> listed = QualysResponses.scans(QualysCall.LIST_SCANS,
                http.send(QualysCall.LIST_SCANS, Map.of("launched_after_datetime", LAUNCHED_AFTER.format(since))));
        List<String> removed = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        for (QualysResponses.ListedScan scan : listed) {
            if (!owner.owns(scan.title()) || !handled.add(scan.ref())) {
                continue;
            }
            boolean active = !ENDED.contains(scan.state());
            ScannerRejectedException cancelRefused = null;
            if (active) {
                try {
                    QualysResponses.requireSuccess(QualysCall.CANCEL_SCAN, http.send(QualysCall.CANCEL_SCAN, Map.of("scan_ref", scan.ref())));
                } catch (ScannerRejectedException e) {
                    cancelRefused = e; // it may have ended meanwhile: the deletion says
                }
            }
            try {
                QualysResponses.requireSuccess(QualysCall.DELETE_SCAN, http.send(QualysCall.DELETE_SCAN, Map.of("scan_ref", scan.ref())));
                removed.add(scan.ref());
            } catch (ScannerRejectedException refused) {
                if (!active) {
                    throw refused;
                }
                notYet.add(scan.ref() + " '" + scan.title() + "' (" + scan.state() + ", " + (cancelRefused == null ? "cancel requested"
                        : "cancel refused: " + cancelRefused.getMessage()) + "; " + refused.getMessage() + ")");
            }
        }
        if (!notYet.isEmpty()) {
            throw new ScannerBusyException(QualysCall.DELETE_SCAN + ": Qualys deletes a scan only once it has ended; not deleted yet: "
                    + String.join("; ", notYet) + (removed.isEmpty() ? "" : "; deleted: " + removed) + "; retry later");
        }
        return removed;
    }
}
