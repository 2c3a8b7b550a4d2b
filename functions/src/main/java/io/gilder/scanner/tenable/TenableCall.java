package io.gilder.scanner.tenable;

/**
 * One Tenable Vulnerability Management (Tenable.io) API operation, named in every error message so a
 * person knows which call failed.
 *
 * @param method {@code GET}, {@code POST} or {@code DELETE}
 * @param path   resource path with placeholders, e.g. {@code /scans/{scan_id}/launch}
 */
record TenableCall(String method, String path) {

    static final TenableCall LIST_SCANNERS = new TenableCall("GET", "/scanners");
    static final TenableCall LIST_TEMPLATES = new TenableCall("GET", "/editor/scan/templates");
    static final TenableCall CREDENTIAL = new TenableCall("GET", "/credentials/{uuid}");
    /** The scans the keys can see, {@code ?last_modification_date=<epoch seconds>}: only those changed since. */
    static final TenableCall LIST_SCANS = new TenableCall("GET", "/scans");
    static final TenableCall STOP_SCAN = new TenableCall("POST", "/scans/{scan_id}/stop");
    static final TenableCall CREATE_SCAN = new TenableCall("POST", "/scans");
    static final TenableCall LAUNCH_SCAN = new TenableCall("POST", "/scans/{scan_id}/launch");
    static final TenableCall DELETE_SCAN = new TenableCall("DELETE", "/scans/{scan_id}");
    static final TenableCall LATEST_STATUS = new TenableCall("GET", "/scans/{scan_id}/latest-status");
    static final TenableCall EXPORT = new TenableCall("POST", "/scans/{scan_id}/export");
    static final TenableCall EXPORT_STATUS = new TenableCall("GET", "/scans/{scan_id}/export/{file_id}/status");
    static final TenableCall DOWNLOAD = new TenableCall("GET", "/scans/{scan_id}/export/{file_id}/download");

    /** The path with its placeholders replaced, in order, by {@code ids} (already checked to be path-safe). */
    String path(String... ids) {
        String resolved = path;
        for (String id : ids) {
            resolved = resolved.replaceFirst("\\{[a-z_]+}", java.util.regex.Matcher.quoteReplacement(id));
        }
        return resolved;
    }

    /** e.g. {@code Tenable POST /scans/{scan_id}/launch} */
    @Override
    public String toString() {
        return "Tenable " + method + " " + path;
    }
}
