package io.gilder.scan;

import java.util.List;

/**
 * The normalized findings of one scan as stored in {@code findings.json}.
 *
 * @param scanner  adapter name, e.g. {@code qualys}
 * @param scanRef  the scanner's reference of the scan
 * @param imageId  the candidate image the scanned instance ran
 * @param proof    what the scanner's results prove it scanned, e.g. {@code tenable scan 42 scanned 10.0.1.5 to the end (...)}
 * @param summary  counts of {@code findings}
 * @param findings every finding, worst first
 */
public record FindingsDocument(String scanner, String scanRef, String imageId, String proof, FindingsSummary summary,
        List<Finding> findings) {}
