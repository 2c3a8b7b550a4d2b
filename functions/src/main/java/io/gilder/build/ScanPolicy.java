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

    /**
     * This policy as it stands on {@code day}: an ignored id whose exception has lapsed by then is no longer ignored.
     * A build can wait days for its scan, so the gate re-checks what validation checked.
     */
    public ScanPolicy inForceOn(java.time.LocalDate day) {
        List<FindingException> lapsed = lapsedOn(day);
        if (lapsed.isEmpty()) {
            return this;
        }
        java.util.Set<String> lapsedIds = lapsed.stream().map(FindingException::id).collect(java.util.stream.Collectors.toSet());
        return new ScanPolicy(maxSeverity, ignoredFindingIds.stream().filter(id -> !lapsedIds.contains(id)).toList(),
                exceptions.stream().filter(e -> !lapsedIds.contains(e.id())).toList());
    }

    /** The exceptions of this policy that no longer apply on {@code day}. */
    public List<FindingException> lapsedOn(java.time.LocalDate day) {
        return exceptions.stream().filter(e -> !e.inForceOn(day)).toList();
    }

    /** The stack's policy: its highest severity, and every exception in force on {@code today} ignored. */
    public static ScanPolicy ofStack(int maxSeverity, List<FindingException> exceptions, java.time.LocalDate today) {
        List<FindingException> inForce = exceptions.stream().filter(e -> e.inForceOn(today)).toList();
        return new ScanPolicy(maxSeverity, inForce.stream().map(FindingException::id).toList(), inForce);
    }
}
