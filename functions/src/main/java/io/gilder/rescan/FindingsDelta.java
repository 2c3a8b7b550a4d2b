package io.gilder.rescan;

import io.gilder.scan.Finding;
import io.gilder.scan.FindingsSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two normalized scans of the same image. A finding's identity is the scanner's id of
 * the check plus port and protocol: the same check on two ports is two findings. Within one scan, repeats
 * of an identity count once, at their worst severity.
 *
 * @param added    in the current scan and not in the previous one, worst first
 * @param resolved in the previous scan and not in the current one, worst first
 * @param changed  in both with another severity, as found now, worst first
 */
public record FindingsDelta(List<Finding> added, List<Finding> resolved, List<Finding> changed) {

    public FindingsDelta {
        added = List.copyOf(added);
        resolved = List.copyOf(resolved);
        changed = List.copyOf(changed);
    }

    /** @param previous the baseline's findings (empty when there is no baseline: then every finding is new) */
    public static FindingsDelta between(Collection<Finding> previous, Collection<Finding> current) {
        Map<String, Finding> before = byIdentity(previous);
        Map<String, Finding> now = byIdentity(current);
        List<Finding> added = new ArrayList<>();
        List<Finding> changed = new ArrayList<>();
        for (Map.Entry<String, Finding> e : now.entrySet()) {
            Finding old = before.get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
            } else if (old.severity() != e.getValue().severity()) {
                changed.add(e.getValue());
            }
        }
        List<Finding> resolved = new ArrayList<>();
        before.forEach((key, f) -> {
            if (!now.containsKey(key)) {
                resolved.add(f);
            }
        });
        added.sort(Finding.WORST_FIRST);
        resolved.sort(Finding.WORST_FIRST);
        changed.sort(Finding.WORST_FIRST);
        return new FindingsDelta(added, resolved, changed);
    }

    /** Counts of the new findings, as a scan's own summary counts all of them. */
    public FindingsSummary addedSummary() {
        return FindingsSummary.of(added);
    }

    /** e.g. {@code 38173@tcp/443}, {@code 105489} for a host-level finding. */
    public static String identity(Finding f) {
        if (f.port() == null) {
            return f.id();
        }
        return f.id() + "@" + (f.protocol() == null ? "" : f.protocol()) + "/" + f.port();
    }

    private static Map<String, Finding> byIdentity(Collection<Finding> findings) {
        Map<String, Finding> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            out.merge(identity(f), f, (a, b) -> b.severity() > a.severity() ? b : a);
        }
        return out;
    }
}
