package io.gilder.scan;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a scan's findings, for the approver and the state machine.
 *
 * @param total           number of findings
 * @param highestSeverity severity of the worst finding, 0 when there is none
 * @param bySeverity      number of findings per severity, keys {@code "1"} … {@code "5"}, every key present
 */
public record FindingsSummary(int total, int highestSeverity, Map<String, Integer> bySeverity) {

    public FindingsSummary {
        bySeverity = Collections.unmodifiableMap(new TreeMap<>(bySeverity));
    }

    public static FindingsSummary of(Collection<Finding> findings) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int s = Finding.LOWEST_SEVERITY; s <= Finding.HIGHEST_SEVERITY; s++) {
            counts.put(Integer.toString(s), 0);
        }
        int highest = 0;
        for (Finding f : findings) {
            counts.merge(Integer.toString(f.severity()), 1, Integer::sum);
            highest = Math.max(highest, f.severity());
        }
        return new FindingsSummary(findings.size(), highest, counts);
    }
}
