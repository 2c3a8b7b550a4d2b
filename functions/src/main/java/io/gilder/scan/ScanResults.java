package io.gilder.scan;

import java.util.List;

/**
 * A finished scan's results.
 *
 * @param raw         the scanner's response exactly as received, kept as evidence
 * @param contentType media type of {@code raw}, e.g. {@code application/json}
 * @param findings    the normalized findings
 */
public record ScanResults(byte[] raw, String contentType, List<Finding> findings) {

    public ScanResults {
        findings = List.copyOf(findings);
    }
}
