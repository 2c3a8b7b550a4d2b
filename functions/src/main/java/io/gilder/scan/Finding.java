package io.gilder.scan;

import java.util.Comparator;
import java.util.List;

/**
 * One scanner finding, normalized so that every scanner reads the same.
 *
 * @param id       the scanner's id of the check that fired (Qualys QID, Tenable plugin id, Inspector finding ARN)
 * @param severity 1 (informational) … 5 (urgent)
 * @param title    what was found, in the scanner's words
 * @param cves     CVE ids the scanner links to the finding (empty when none)
 * @param port     network port the finding was seen on, or {@code null} for host-level findings
 * @param protocol {@code tcp} or {@code udp}, or {@code null} for host-level findings
 */
public record Finding(String id, int severity, String title, List<String> cves, Integer port, String protocol) {

    public static final int LOWEST_SEVERITY = 1;
    public static final int HIGHEST_SEVERITY = 5;

    /** Worst first; equal severities by id, then port, so the order never depends on the scanner's. */
    public static final Comparator<Finding> WORST_FIRST = Comparator.comparingInt(Finding::severity).reversed()
            .thenComparing(Finding::id).thenComparing(f -> f.port() == null ? -1 : f.port());

    public Finding {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a finding needs an id");
        }
        if (severity < LOWEST_SEVERITY || severity > HIGHEST_SEVERITY) {
            throw new IllegalArgumentException("severity of finding " + id + " must be 1-5, not " + severity);
        }
        title = title == null ? "" : title;
        cves = cves == null ? List.of() : List.copyOf(cves);
    }
}
