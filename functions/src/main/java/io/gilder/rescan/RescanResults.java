package io.gilder.rescan;

import io.gilder.flow.FailureReason;
import io.gilder.scan.FindingsSummary;
import io.gilder.scan.ScanSubject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's per-image results into the report's {@link ImageRescan}s: every listed image gets exactly one, an
 * image without a result counts as not scanned, and so does an active image the listing found missing.
 */
final class RescanResults {

    private RescanResults() {}

    static List<ImageRescan> of(ListActiveGoldenImagesHandler.Output listing, List<RescanImageResult> results) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, ImageRescan> out = new LinkedHashMap<>();
        if (listing != null && listing.images() != null) {
            listing.images().forEach(i -> labels.put(i.imageId(), label(i.os(), i.product(), i.version())));
        }
        for (RescanImageResult r : results == null ? List.<RescanImageResult>of() : results) {
            if (r == null || r.imageId() == null) {
                continue;
            }
            String label = r.os() != null ? label(r.os(), r.product(), r.version()) : labels.get(r.imageId());
            ImageRescan outcome = r.scanned() ? ImageRescan.scanned(r.imageId(), label, summary(r.bySeverity()),
                    summary(r.added() == null ? null : r.added().bySeverity()), r.policy() != null && r.policy().passed())
                    : ImageRescan.notScanned(r.imageId(), label, FailureReason.describe(new FailureReason.Failure(r.error(), r.cause())));
            out.put(r.imageId(), r.revocation() == null ? outcome : outcome.withRevocation(r.revocation().describe()));
        }
        labels.forEach((imageId, label) -> out.putIfAbsent(imageId, ImageRescan.notScanned(imageId, label, "no result from the rescan")));
        if (listing != null && listing.missing() != null) {
            for (RescanListing.Missing m : listing.missing()) {
                out.putIfAbsent(m.imageId(), ImageRescan.notScanned(m.imageId(), null, "missing: " + m.reason()));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** {@code WebServer-1.2 AmazonLinux-2023 v7}; {@code null} (shown as unregistered) when the identity is unknown. */
    static String label(String os, String product, String version) {
        if (os == null || ScanSubject.UNREGISTERED.equals(os) && ScanSubject.UNREGISTERED.equals(product)) {
            return null;
        }
        return product + " " + os + " v" + version;
    }

    /** Counts from a {@code bySeverity} map (keys {@code "1"} … {@code "5"}); a missing map counts nothing. */
    static FindingsSummary summary(Map<String, Integer> bySeverity) {
        Map<String, Integer> counts = bySeverity == null ? Map.of() : bySeverity;
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int highest = counts.entrySet().stream().filter(e -> e.getValue() > 0).mapToInt(e -> Integer.parseInt(e.getKey())).max().orElse(0);
        Map<String, Integer> all = new LinkedHashMap<>();
        for (int s = 1; s <= 5; s++) {
            all.put(Integer.toString(s), counts.getOrDefault(Integer.toString(s), 0));
        }
        return new FindingsSummary(total, highest, all);
    }
}
