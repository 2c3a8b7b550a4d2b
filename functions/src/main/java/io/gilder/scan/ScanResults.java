package io.gilder.scan;

import java.util.List;

/**
 * A finished scan's results.
 *
 * @param raw         the scanner's response exactly as received, kept as evidence
 * @param contentType media type of {@code raw}, e.g. {@code application/json}
 * @param findings    the normalized findings
 * @param coverage    which hosts the answer shows scanned, read from {@code raw}; {@link ScanProof} checks the target is one
 */
public record ScanResults(byte[] raw, String contentType, List<Finding> findings, ScanCoverage coverage) {

    public ScanResults {
        findings = List.copyOf(findings);
        java.util.Objects.requireNonNull(coverage, "coverage");
    }
}
