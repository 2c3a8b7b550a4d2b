package io.gilder.rescan;

import io.gilder.scan.Finding;
import io.gilder.scan.FindingsSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduled rescan's results over every active golden AMI: the counts the state machine and the alarm
 * need, and the text of the SNS summary (per image: findings by severity, what is new since the last scan).
 *
 * @param date   the day the rescan ran (UTC)
 * @param images one outcome per image, in any order
 */
public record RescanReport(LocalDate date, List<ImageRescan> images) {

    /** SNS refuses subjects longer than 100 characters. */
    public static final int MAX_SUBJECT = 100;

    /** Images needing attention first: not scanned, then by worst new finding, worst finding, id. */
    static final Comparator<ImageRescan> ATTENTION_FIRST = Comparator
            .comparing((ImageRescan i) -> i.scanned())
            .thenComparing(i -> i.scanned() ? -i.added().highestSeverity() : 0)
            .thenComparing(i -> i.scanned() ? -i.findings().highestSeverity() : 0)
            .thenComparing(ImageRescan::imageId);

    public RescanReport {
        images = images.stream().sorted(ATTENTION_FIRST).toList();
    }

    public int scanned() {
        return (int) images.stream().filter(ImageRescan::scanned).count();
    }

    public int notScanned() {
        return images.size() - scanned();
    }

    /** Number of scanned images with at least one finding new since their last scan. */
    public int withNewFindings() {
        return (int) images.stream().filter(i -> i.scanned() && i.added().total() > 0).count();
    }

    public int failingPolicy() {
        return (int) images.stream().filter(i -> i.scanned() && !i.policyPassed()).count();
    }

    /** New findings over every image, per severity, keys {@code "1"} … {@code "5"}, every key present. */
    public Map<String, Integer> newBySeverity() {
        Map<String, Integer> sum = new LinkedHashMap<>();
        for (int s = Finding.LOWEST_SEVERITY; s <= Finding.HIGHEST_SEVERITY; s++) {
            sum.put(Integer.toString(s), 0);
        }
        images.stream().filter(ImageRescan::scanned)
                .forEach(i -> i.added().bySeverity().forEach((k, v) -> sum.merge(k, v, Integer::sum)));
        return new FindingsSummary(0, 0, sum).bySeverity();
    }

    /** Ids of the images that were not scanned, in report order. */
    public List<String> notScannedImages() {
        return images.stream().filter(i -> !i.scanned()).map(ImageRescan::imageId).toList();
    }

    /** e.g. {@code Gilder rescan 2026-11-23: 11 of 12 images scanned, 2 with new findings (worst 5), 1 failing policy}. */
    public String subject() {
        StringBuilder s = new StringBuilder("Gilder rescan " + date + ": " + scanned() + " of " + images.size() + " images scanned");
        int withNew = withNewFindings();
        if (withNew > 0) {
            int worst = images.stream().filter(ImageRescan::scanned).mapToInt(i -> i.added().highestSeverity()).max().orElse(0);
            s.append(", ").append(withNew).append(" with new findings (worst ").append(worst).append(")");
        } else if (scanned() > 0) {
            s.append(", nothing new");
        }
        if (failingPolicy() > 0) {
            s.append(", ").append(failingPolicy()).append(" failing policy");
        }
        return s.length() <= MAX_SUBJECT ? s.toString() : s.substring(0, MAX_SUBJECT - 1) + "…";
    }

    /**
     * The summary's text: one line per image, attention first, at most {@code maxImages} of them, then where
     * the full report is.
     */
    public String body(String reportLocation, int maxImages) {
        List<String> lines = new ArrayList<>();
        lines.add(subject());
        lines.add("");
        lines.add("Per image: findings by severity 5:n 4:n 3:n 2:n 1:n; new since the last scan; policy.");
        images.stream().limit(maxImages).map(RescanReport::line).forEach(lines::add);
        if (images.size() > maxImages) {
            lines.add("… and " + (images.size() - maxImages) + " more, see the report");
        }
        if (images.isEmpty()) {
            lines.add("No active golden AMI.");
        }
        lines.add("");
        lines.add("Report: " + reportLocation);
        return String.join("\n", lines) + "\n";
    }

    static String line(ImageRescan i) {
        String head = i.imageId() + " " + i.label() + ": ";
        if (!i.scanned()) {
            return head + "NOT SCANNED: " + i.error();
        }
        String added = i.added().total() == 0 ? "new 0" : "new " + i.added().total() + " (" + counts(i.added()) + ")";
        return head + counts(i.findings()) + "; " + added + "; policy " + (i.policyPassed() ? "PASS" : "FAIL")
                + (i.revocation() == null ? "" : "; " + i.revocation());
    }

    /** {@code 5:0 4:2 3:0 2:1 1:0}, worst severity first. */
    static String counts(FindingsSummary summary) {
        StringBuilder s = new StringBuilder();
        for (int sev = Finding.HIGHEST_SEVERITY; sev >= Finding.LOWEST_SEVERITY; sev--) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(sev).append(':').append(summary.bySeverity().getOrDefault(Integer.toString(sev), 0));
        }
        return s.toString();
    }
}
