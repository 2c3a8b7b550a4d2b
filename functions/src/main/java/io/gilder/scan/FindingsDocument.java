package io.gilder.scan;

import java.util.List;

/**
 * The normalized findings of one scan as stored in {@code findings.json}.
 *
 * @param scanner  adapter name, e.g. {@code qualys}
 * @param scanRef  the scanner's reference of the scan
 * @param imageId  the candidate image the scanned instance ran
 * @param summary  counts of {@code findings}
 * @param findings every finding, worst first
 */
public record FindingsDocument(String scanner, String scanRef, String imageId, FindingsSummary summary,
        List<Finding> findings) {}
