package io.gilder.build;

import java.util.List;

/**
 * What a candidate's scan findings may contain and still be offered for approval.
 *
 * @param maxSeverity       highest finding severity (1 = informational … 5 = urgent) allowed
 * @param ignoredFindingIds scanner finding ids (Qualys QIDs, Tenable plugin ids, Inspector finding ARNs) never counted
 */
public record ScanPolicy(int maxSeverity, List<String> ignoredFindingIds) {

    public ScanPolicy {
        if (maxSeverity < 1 || maxSeverity > 5) {
            throw new IllegalArgumentException("maxSeverity must be 1-5, not " + maxSeverity);
        }
        ignoredFindingIds = List.copyOf(ignoredFindingIds);
    }
}
