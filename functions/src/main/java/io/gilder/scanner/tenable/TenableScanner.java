package io.gilder.scanner.tenable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gilder.error.GilderException;
import io.gilder.error.ScannerBusyException;
import io.gilder.scan.CredentialStore;
import io.gilder.scan.ScanProgress;
import io.gilder.scan.ScanResults;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.scan.ScanTitle;
import io.gilder.scan.Scanner;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tenable Vulnerability Management (Tenable.io) through its REST API.
 *
 * <ul>
 *   <li>start: looks up the configured scanner by name and scan template by its unique name, creates a scan of the
 *       test instance's private IP on that scanner (with the configured managed credentials, referenced by
 *       UUID: Gilder never creates or uploads credentials), launches it and answers the scan id. A scan
 *       whose launch fails is deleted, so a retried start does not leave a second, never-run scan behind.</li>
 *   <li>status: the scan's latest status; once {@code completed}, it requests the {@code .nessus} export
 *       and reports FINISHED only when the export is ready, so the state machine's wait loop also waits for
 *       the export.</li>
 *   <li>results: requests the export again, downloads and normalizes it. An export that is not ready is a
 *       retryable {@link ScannerBusyException}. The port carries only the scan id between functions, so this
 *       relies on Tenable answering the same request for the same run with the same export: its documented
 *       export ids name the run and format ({@code SSEUF-<scan uuid>-nessus}). Were each request a fresh
 *       export, Collect Findings would exhaust its retries and the build fail closed (no approval without
 *       evidence); carrying the export id from Check Scan would then need a field in the state machine.</li>
 *   <li>discard: lists the scans changed since the execution started ({@code GET /scans?last_modification_date=}), and
 *       for each whose name is one of the execution's titles stops it when it is active ({@code POST /scans/{id}/stop})
 *       and deletes it ({@code DELETE /scans/{id}}; 404: already gone). Tenable refuses to delete a scan that is running,
 *       paused or stopping: a scan refused while active is a {@link ScannerBusyException} naming it, after the others
 *       were deleted, so that the retried call deletes it once stopped.</li>
 * </ul>
 */
public class TenableScanner implements Scanner {

    public static final String NAME = "tenable";
    /** Statuses of a scan still running or able to run again, which {@code POST /scans/{id}/stop} ends. */
    static final Set<String> STOPPABLE = Set.of("pending", "initializing", "running", "resuming", "processing",
            "publishing", "pausing", "paused");
    static final String FORMAT = "nessus";

    private final TenableSettings settings;
    private final TenableHttp http;

    public TenableScanner(HttpClient http, TenableSettings settings, CredentialStore credentials) {
        this.settings = settings;
        this.http = new TenableHttp(http, settings, credentials);
    }

    @Override
    public Optional<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (settings.credentialsSecretArn() == null || settings.credentialsSecretArn().isBlank()) {
            missing.add("TenableCredentialsSecretArn is empty");
        }
        if (settings.scannerName() == null || settings.scannerName().isBlank()) {
            missing.add("TenableScannerName is empty");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", missing));
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
        String scannerName = settings.scannerNameOrFail();
        String scanner = TenableResponses.scannerUuid(http.json(TenableCall.LIST_SCANNERS, TenableCall.LIST_SCANNERS.path(), null),
                scannerName);
        String template = TenableResponses.templateUuid(
                http.json(TenableCall.LIST_TEMPLATES, TenableCall.LIST_TEMPLATES.path(), null), settings.templateName());
        ObjectNode scan = TenableHttp.JSON.createObjectNode().put("uuid", template);
        scan.putObject("settings").put("name", target.title()).put("text_targets", target.privateIp())
                .put("scanner_id", scanner).put("enabled", false);
        if (!settings.managedCredentialIds().isEmpty()) {
            scan.putObject("credentials").set("add", managedCredentials());
        }
        String id = TenableResponses.scanId(http.json(TenableCall.CREATE_SCAN, TenableCall.CREATE_SCAN.path(), scan));
        try {
            http.json(TenableCall.LAUNCH_SCAN, TenableCall.LAUNCH_SCAN.path(id), TenableHttp.JSON.createObjectNode());
        } catch (GilderException e) {
            try {
                http.bytes(TenableCall.DELETE_SCAN, TenableCall.DELETE_SCAN.path(id), null);
            } catch (GilderException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
        return id;
    }

    @Override
    public ScanProgress status(String scanRef) {
        String id = scanId(scanRef);
        String state = TenableResponses.status(TenableCall.LATEST_STATUS,
                http.json(TenableCall.LATEST_STATUS, TenableCall.LATEST_STATUS.path(id), null));
        ScanStatus status = TenableResponses.scanStatus(id, state);
        if (!status.finished()) {
            return new ScanProgress(status, state);
        }
        String export = exportStatus(id, export(id));
        return switch (export) {
            case "ready" -> new ScanProgress(ScanStatus.FINISHED, state);
            case "error" -> new ScanProgress(ScanStatus.FAILED, state + " (the results export failed)");
            default -> new ScanProgress(ScanStatus.RUNNING, state + " (exporting results: " + export + ")");
        };
    }

    @Override
    public ScanResults results(String scanRef) {
        String id = scanId(scanRef);
        String file = export(id);
        String export = exportStatus(id, file);
        if (!"ready".equals(export)) {
            throw new ScannerBusyException(TenableCall.EXPORT_STATUS + ": the export " + file + " of scan " + id + " is " + export
                    + ", not ready; retry later");
        }
        byte[] nessus = http.bytes(TenableCall.DOWNLOAD, TenableCall.DOWNLOAD.path(id, file), null);
        TenableFindings.Parsed parsed = TenableFindings.parse(nessus);
        return new ScanResults(nessus, TenableFindings.CONTENT_TYPE, parsed.findings(), parsed.coverage());
    }

    @Override
    public List<String> discard(ScanTitle owner, Instant since) {
        JsonNode answer = http.json(TenableCall.LIST_SCANS, TenableCall.LIST_SCANS.path() + "?last_modification_date=" + since.getEpochSecond(),
                null);
        List<String> removed = new ArrayList<>();
        List<String> notYet = new ArrayList<>();
        Set<String> handled = new HashSet<>();
        for (TenableResponses.ListedScan scan : TenableResponses.scans(answer)) {
            if (!owner.owns(scan.name()) || !handled.add(scan.id())) {
                continue;
            }
            String id = scan.id();
            boolean active = STOPPABLE.contains(scan.status()) || "stopping".equals(scan.status());
            if (STOPPABLE.contains(scan.status())) {
                // 409: it ended meanwhile; 404: it was deleted meanwhile
                http.status(TenableCall.STOP_SCAN, TenableCall.STOP_SCAN.path(id), Set.of(404, 409));
            }
            int deleted = http.status(TenableCall.DELETE_SCAN, TenableCall.DELETE_SCAN.path(id),
                    active ? Set.of(400, 404, 409) : Set.of(404));
            if (deleted >= 200 && deleted < 300) {
                removed.add(id);
            } else if (deleted != 404) {
                notYet.add(id + " '" + scan.name() + "' (" + scan.status() + (STOPPABLE.contains(scan.status()) ? ", stop requested" : "")
                        + ", delete refused with HTTP " + deleted + ")");
            }
        }
        if (!notYet.isEmpty()) {
            throw new ScannerBusyException(TenableCall.DELETE_SCAN + ": Tenable does not delete a scan until it has stopped; "
                    + "not deleted yet: " + String.join("; ", notYet) + (removed.isEmpty() ? "" : "; deleted: " + removed) + "; retry later");
        }
        return removed;
    }

    /** {"Host": {"SSH": [{"id": "<uuid>"}]}, ...}: each managed credential under its category and type, by UUID only. */
    private ObjectNode managedCredentials() {
        ObjectNode add = TenableHttp.JSON.createObjectNode();
        for (String uuid : settings.managedCredentialIds()) {
            String safe = TenableResponses.pathSafe(TenableCall.CREDENTIAL, uuid.trim(), "managed credential id (configured)");
            String[] type = TenableResponses.credentialType(http.json(TenableCall.CREDENTIAL, TenableCall.CREDENTIAL.path(safe), null),
                    safe);
            ObjectNode category = add.get(type[0]) instanceof ObjectNode known ? known : add.putObject(type[0]);
            ArrayNode ofType = category.get(type[1]) instanceof ArrayNode known ? known : category.putArray(type[1]);
            ofType.addObject().put("id", safe);
        }
        return add;
    }

    private String export(String id) {
        return TenableResponses.exportFile(http.json(TenableCall.EXPORT, TenableCall.EXPORT.path(id), Map.of("format", FORMAT)));
    }

    private String exportStatus(String id, String file) {
        JsonNode answer = http.json(TenableCall.EXPORT_STATUS, TenableCall.EXPORT_STATUS.path(id, file), null);
        return TenableResponses.status(TenableCall.EXPORT_STATUS, answer);
    }

    private static String scanId(String scanRef) {
        if (scanRef == null || !scanRef.matches("\\d{1,19}")) {
            throw new IllegalArgumentException("not a Tenable scan id: '" + scanRef + "'");
        }
        return scanRef;
    }
}
