package io.gilder.scanner.qualys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanCoverage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalizes Qualys scan results fetched with {@code output_format=json}: a JSON array whose
 * result rows carry {@code qid}, {@code severity} (1-5), {@code title}, {@code type},
 * {@code port}, {@code protocol} and {@code cve_id} (comma-separated). Header objects (user, scan)
 * that {@code json_extended} output adds are skipped, as are "Ig" rows: information gathered,
 * not vulnerabilities. Confirmed ("Vuln") and potential ("Practice") vulnerabilities are kept. Every row,
 * information gathered included, names its host in {@code ip}: those IPs are what the scan proves it scanned.
 */
final class QualysFindings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INFORMATION_GATHERED = Set.of("ig");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private QualysFindings() {}

    /** The findings and the hosts the rows name: every row with an {@code ip}, information gathered included. */
    record Parsed(List<Finding> findings, ScanCoverage coverage) {}

    static Parsed parse(QualysCall call, byte[] body) {
        if (startsWithMarkup(body)) {
            SimpleReturn error = QualysResponses.simpleReturn(body).orElseThrow(() ->
                    new ScannerResponseException(call + " answered XML instead of JSON results", null));
            throw new ScannerRejectedException(call + " was rejected (" + error.describe() + ")");
        }
        JsonNode rows;
        try {
            rows = JSON.readTree(body);
        } catch (IOException e) {
            throw new ScannerResponseException(call + " answered malformed JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (rows == null || !rows.isArray()) {
            throw new ScannerResponseException(call + " answered JSON that is not an array of results", null);
        }
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> rowsPerIp = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            if (!row.hasNonNull("qid")) {
                continue;
            }
            String ip = text(row, "ip");
            if (!ip.isEmpty()) {
                rowsPerIp.merge(ip, 1, Integer::sum);
            }
            if (!INFORMATION_GATHERED.contains(text(row, "type").toLowerCase(Locale.ROOT))) {
                findings.add(finding(call, row));
            }
        }
        List<ScanCoverage.Host> hosts = rowsPerIp.entrySet().stream()
                .map(e -> new ScanCoverage.Host(e.getKey(), true, e.getValue() + " result rows for this IP in the finished scan"))
                .toList();
        return new Parsed(findings, new ScanCoverage(hosts, hosts.isEmpty()
                ? "the results hold no row for any IP (a live host always yields information-gathered rows)"
                : "the results hold rows for " + hosts.size() + " IP(s)"));
    }

    private static Finding finding(QualysCall call, JsonNode row) {
        String qid = text(row, "qid");
        String severity = text(row, "severity");
        if (!severity.matches("[1-5]")) {
            throw new ScannerResponseException(call + " gave QID " + qid + " the severity '" + severity + "' (expected 1-5)", null);
        }
        String port = text(row, "port");
        String protocol = text(row, "protocol").toLowerCase(Locale.ROOT);
        return new Finding(qid, Integer.parseInt(severity), text(row, "title"), cves(text(row, "cve_id")),
                port.matches("\\d{1,5}") ? Integer.valueOf(port) : null, protocol.isEmpty() ? null : protocol);
    }

    private static List<String> cves(String field) {
        return Arrays.stream(field.split("[,\\s]+")).map(String::trim).filter(c -> CVE.matcher(c).matches()).distinct().toList();
    }

    /** The field as text whether Qualys wrote it as a string or a number; empty when absent or null. */
    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? "" : value.asText().trim();
    }

    private static boolean startsWithMarkup(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<';
            }
        }
        return false;
    }
}
