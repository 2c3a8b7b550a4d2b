package io.gilder.scanner.tenable;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.scan.ScanStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the JSON answers of the Tenable calls Gilder makes; anything unexpected names the call. */
final class TenableResponses {

    /**
     * Tenable scan statuses and what they mean for Gilder. {@code empty} is also what a scan reports
     * between its launch and Tenable queueing it; {@code stopping} and {@code stopped} end as canceled.
     */
    static final Map<String, ScanStatus> STATES = Map.ofEntries(
            Map.entry("empty", ScanStatus.QUEUED),
            Map.entry("pending", ScanStatus.QUEUED),
            Map.entry("initializing", ScanStatus.QUEUED),
            Map.entry("running", ScanStatus.RUNNING),
            Map.entry("resuming", ScanStatus.RUNNING),
            Map.entry("processing", ScanStatus.RUNNING),
            Map.entry("publishing", ScanStatus.RUNNING),
            Map.entry("stopping", ScanStatus.RUNNING),
            Map.entry("pausing", ScanStatus.PAUSED),
            Map.entry("paused", ScanStatus.PAUSED),
            Map.entry("completed", ScanStatus.FINISHED),
            Map.entry("canceled", ScanStatus.CANCELED),
            Map.entry("stopped", ScanStatus.CANCELED),
            Map.entry("aborted", ScanStatus.FAILED),
            Map.entry("imported", ScanStatus.FAILED));

    /** Ids Tenable hands out that Gilder puts in request paths: scan ids, export file ids, credential UUIDs. */
    private static final Pattern PATH_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,199}");

    private TenableResponses() {}

    /** The UUID of the scanner named {@code name} in a {@code GET /scanners} answer. */
    static String scannerUuid(JsonNode answer, String name) {
        return uuidOf(TenableCall.LIST_SCANNERS, array(TenableCall.LIST_SCANNERS, answer, "scanners"), "name", name, "scanner",
                "gilder.scanner.tenable.scanner-name");
    }

    /**
     * The UUID of the template named {@code name} in a {@code GET /editor/scan/templates} answer: by its unique
     * {@code name} (e.g. {@code basic}), never its title, which Tenable repeats across templates.
     */
    static String templateUuid(JsonNode answer, String name) {
        return uuidOf(TenableCall.LIST_TEMPLATES, array(TenableCall.LIST_TEMPLATES, answer, "templates"), "name", name,
                "scan template", "gilder.scanner.tenable.template-name");
    }

    /** {category, type} of a managed credential from its {@code GET /credentials/{uuid}} answer, e.g. {Host, SSH}. */
    static String[] credentialType(JsonNode answer, String uuid) {
        String category = answer.path("category").path("id").asText("");
        String type = answer.path("type").path("id").asText("");
        if (category.isEmpty() || type.isEmpty()) {
            throw new ScannerResponseException(TenableCall.CREDENTIAL + " gave managed credential " + uuid
                    + " no category.id and type.id", null);
        }
        return new String[] {category, type};
    }

    /** The id of the scan a {@code POST /scans} created. */
    static String scanId(JsonNode answer) {
        JsonNode id = answer.path("scan").path("id");
        if (!id.canConvertToLong()) {
            throw new ScannerResponseException(TenableCall.CREATE_SCAN + " answered without a numeric scan.id", null);
        }
        return id.asText();
    }

    /** One scan of a {@code GET /scans} answer: its id, name (Gilder's title) and status. */
    record ListedScan(String id, String name, String status) {}

    /** The scans of a {@code GET /scans} answer; Tenable answers {@code "scans": null} when there is none. */
    static List<ListedScan> scans(JsonNode answer) {
        JsonNode scans = answer.path("scans");
        if (scans.isNull()) {
            return List.of();
        }
        List<ListedScan> listed = new ArrayList<>();
        for (JsonNode scan : array(TenableCall.LIST_SCANS, answer, "scans")) {
            JsonNode id = scan.path("id");
            if (!id.canConvertToLong()) {
                throw new ScannerResponseException(TenableCall.LIST_SCANS + " listed a scan without a numeric id", null);
            }
            listed.add(new ListedScan(id.asText(), scan.path("name").asText(""), scan.path("status").asText("")));
        }
        return listed;
    }

    /** The {@code status} of a latest-status or export-status answer. */
    static String status(TenableCall call, JsonNode answer) {
        JsonNode status = answer.path("status");
        if (!status.isTextual() || status.asText().isBlank()) {
            throw new ScannerResponseException(call + " answered without a status", null);
        }
        return status.asText();
    }

    /** What a scan status means for Gilder. */
    static ScanStatus scanStatus(String scanId, String status) {
        ScanStatus known = STATES.get(status);
        if (known == null) {
            throw new ScannerResponseException(TenableCall.LATEST_STATUS + " gave scan " + scanId + " the unknown status '"
                    + status + "'", null);
        }
        return known;
    }

    /** The export file id of a {@code POST /scans/{scan_id}/export} answer. */
    static String exportFile(JsonNode answer) {
        return pathSafe(TenableCall.EXPORT, answer.path("file").asText(""), "export file id");
    }

    /** {@code value} when it may go into a request path as it is; otherwise the answer cannot be used. */
    static String pathSafe(TenableCall call, String value, String what) {
        if (!PATH_SAFE.matcher(value).matches()) {
            throw new ScannerResponseException(call + " answered the " + what + " '" + value + "', which Gilder does not send back", null);
        }
        return value;
    }

    private static JsonNode array(TenableCall call, JsonNode answer, String field) {
        JsonNode items = answer.path(field);
        if (!items.isArray()) {
            throw new ScannerResponseException(call + " answered without a " + field + " array", null);
        }
        return items;
    }

    private static String uuidOf(TenableCall call, JsonNode items, String key, String wanted, String what, String setting) {
        List<String> available = new ArrayList<>();
        for (JsonNode item : items) {
            String value = item.path(key).asText("");
            if (value.equals(wanted)) {
                return pathSafe(call, item.path("uuid").asText(""), what + " uuid");
            }
            available.add(value);
        }
        throw new ScannerRejectedException("Tenable has no " + what + " with " + key + " '" + wanted + "' (" + setting
                + "); these API keys see: " + String.join(", ", available));
    }
}
