package io.gilder.rescan;

import io.gilder.build.ScanPolicy;
import io.gilder.scan.Finding;
import io.gilder.scan.FindingsSummary;
import io.gilder.scan.PolicyDecision;
import io.gilder.scan.PolicyGate;
import io.gilder.scan.ScanEvidence;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A rescan's findings set against the image's previous scan and the rescan policy.
 *
 * @param findings counts of this scan's findings
 * @param baseline what the findings were compared with
 * @param delta    new, resolved and changed findings (everything is new without a readable baseline)
 * @param policy   the scan policy's verdict on this scan's findings
 */
public record RescanComparison(FindingsSummary findings, Baseline baseline, FindingsDelta delta, PolicyDecision policy) {

    /** What a rescan is compared with. */
    public enum Baseline {
        /** The previous rescan, from the image's {@code rescans/last/<image>.json} pointer. */
        RESCAN,
        /** No pointer yet: the newest earlier scan under the image's evidence prefix (normally the build's). */
        BUILD,
        /** No earlier scan at all. */
        NONE,
        /** The pointer names findings that cannot be read: every finding counts as new. */
        UNREADABLE;

        /** {@code rescan}, {@code build}, {@code none} or {@code unreadable}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The baseline labelled {@code label}, or {@link #UNREADABLE} for anything else. */
        public static Baseline of(String label) {
            for (Baseline b : values()) {
                if (b.label().equals(label)) {
                    return b;
                }
            }
            return UNREADABLE;
        }
    }

    /** @param previous the baseline's findings; ignored unless {@code baseline} is {@link Baseline#RESCAN} or {@link Baseline#BUILD} */
    public static RescanComparison of(List<Finding> current, Baseline baseline, List<Finding> previous, ScanPolicy policy) {
        List<Finding> before = baseline == Baseline.RESCAN || baseline == Baseline.BUILD ? previous : List.of();
        return new RescanComparison(FindingsSummary.of(current), baseline, FindingsDelta.between(before, current),
                PolicyGate.evaluate(policy, current));
    }

    /** As {@link #of(List, Baseline, List, ScanPolicy)}, judged on {@code today}: lapsed exceptions hide nothing. */
    public static RescanComparison of(List<Finding> current, Baseline baseline, List<Finding> previous, ScanPolicy policy,
            java.time.LocalDate today) {
        List<Finding> before = baseline == Baseline.RESCAN || baseline == Baseline.BUILD ? previous : List.of();
        return new RescanComparison(FindingsSummary.of(current), baseline, FindingsDelta.between(before, current),
                PolicyGate.evaluate(policy, current, today));
    }

    /** Identities ({@link FindingsDelta#identity}) of the {@code max} worst new findings. */
    public List<String> newIds(int max) {
        return delta.added().stream().limit(max).map(FindingsDelta::identity).toList();
    }

    /**
     * The baseline when no pointer exists: the newest {@code findings.json} listed under the image's scans other than
     * {@code currentKey} (equal times: the greatest key, so the choice never depends on listing order).
     */
    public static Optional<String> earlierScan(List<EvidenceIndex.Entry> listed, String currentKey) {
        return listed.stream()
                .filter(e -> e.key().endsWith("/" + ScanEvidence.FINDINGS) && !e.key().equals(currentKey))
                .max(Comparator.comparing(EvidenceIndex.Entry::lastModified, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(EvidenceIndex.Entry::key))
                .map(EvidenceIndex.Entry::key);
    }
}
