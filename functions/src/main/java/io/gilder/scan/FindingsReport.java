package io.gilder.scan;

import java.util.Map;

/**
 * What collect-findings reports about a finished scan ({@code $.scan} of the state machine).
 *
 * @param scanner         adapter name, e.g. {@code qualys}
 * @param scanRef         the scanner's reference of the scan
 * @param total           number of normalized findings
 * @param highestSeverity severity of the worst finding, 0 when there is none
 * @param bySeverity      findings per severity, keys {@code "1"} … {@code "5"}
 * @param evidence        where the raw results and the normalized findings are stored
 * @param proof           what the scanner's results prove it scanned ({@link ScanProof}), for the approver
 */
public record FindingsReport(String scanner, String scanRef, int total, int highestSeverity, Map<String, Integer> bySeverity,
        Evidence evidence, String proof) {

    /** References a person can follow, e.g. {@code s3://bucket/key}. */
    public record Evidence(String raw, String findings) {}
}
