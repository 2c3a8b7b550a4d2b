package io.gilder.build;

import java.util.List;

/**
 * What a candidate's scan findings may contain and still be offered for approval.
 *
 * @param maxSeverity       highest finding severity (1 = informational … 5 = urgent) allowed
 * @param ignoredFindingIds scanner finding ids (Qualys QIDs, Tenable plugin ids, Inspector finding ARNs) never counted
 * @param exceptions        the stack's exception behind each ignored id (expiry and reason), shown to the approver
 */
public record ScanPolicy(int maxSeverity, List<String> ignoredFindingIds, List<FindingException> exceptions) {

    public ScanPolicy {
        if (maxSeverity < 1 || maxSeverity > 5) {
            throw new IllegalArgumentException("maxSeverity must be 1-5, not " + maxSeverity);
        }
        ignoredFindingIds = List.copyOf(ignoredFindingIds);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** A policy without exception records (tests, and policies recorded before exceptions carried them). */
    public ScanPolicy(int maxSeverity, List<String> ignoredFindingIds) {
        this(maxSeverity, ignoredFindingIds, List.of());
    }

    /** The stack's policy: its highest severity, and every exception in force on {@code today} ignored. */
    public static ScanPolicy ofStack(int maxSeverity, List<FindingException> exceptions, java.time.LocalDate today) {
        List<FindingException> inForce = exceptions.stream().filter(e -> e.inForceOn(today)).toList();
        return new ScanPolicy(maxSeverity, inForce.stream().map(FindingException::id).toList(), inForce);
    }
}
