package io.gilder.revocation;

import io.gilder.decommission.DecommissionPlan;
import io.gilder.decommission.DecommissionPlanner;
import io.gilder.decommission.DecommissionRequest;
import io.gilder.decommission.ImageFootprint;
import io.gilder.error.GilderException;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import io.gilder.registry.Notifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention after an approval: deprecates the images (source and every recorded copy, found as decommission finds them)
 * of the versions of a product on an OS older than the newest {@code keep}. Never deletes anything (decommission does).
 * One image failing does not stop the others; the report and the notice name it.
 */
public final class VersionRetention {

    private final VersionParameters versions;
    private final DecommissionPlanner footprints;
    private final ImageDeprecator deprecator;
    private final Notifier notifier;

    public VersionRetention(VersionParameters versions, DecommissionPlanner footprints, ImageDeprecator deprecator, Notifier notifier) {
        this.versions = versions;
        this.footprints = footprints;
        this.deprecator = deprecator;
        this.notifier = notifier;
    }

    public RetentionReport retain(NamedVersion product, NamedVersion os, int keep) {
        if (keep == 0) {
            return new RetentionReport(0, List.of(), List.of(), List.of());
        }
        String path = GoldenParameters.ROOT + "/" + os.id() + "/" + product.id();
        Map<String, String> registered = versions.under(path);
        List<String> older = RetentionPolicy.olderThanNewest(registered.keySet(), keep);
        List<ImageDeprecated> deprecated = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String version : older) {
            DecommissionRequest request = new DecommissionRequest(product, os, version, false, GoldenParameters.imageParameter(os, product, version));
            Optional<ImageFootprint> footprint = footprints.footprint(request);
            for (DecommissionPlan.ChildTarget image : footprint.map(ImageFootprint::images).orElse(List.of())) {
                try {
                    deprecated.add(deprecator.deprecate(image.region(), image.imageId()));
                } catch (GilderException e) {
                    failed.add(version + " " + image.region() + " " + image.imageId() + " (" + e.getClass().getName() + ": " + e.getMessage() + ")");
                }
            }
        }
        RetentionReport report = new RetentionReport(keep, older, deprecated, failed);
        if (deprecated.stream().anyMatch(ImageDeprecated::changed) || !failed.isEmpty()) {
            notifier.notify((failed.isEmpty() ? "Retention: older versions deprecated: " : "Retention INCOMPLETE: ") + product.id() + " on " + os.id(),
                    message(product, os, report));
        }
        return report;
    }

    private static String message(NamedVersion product, NamedVersion os, RetentionReport report) {
        List<String> lines = new ArrayList<>();
        lines.add("A new version of " + product.id() + " on " + os.id() + " was approved; retention keeps the newest " + report.keep()
                + " and deprecates the images of older versions " + report.olderVersions() + " (nothing is deleted: decommission-golden-ami does that).");
        report.deprecated().stream().filter(d -> d.deprecateAt() != null)
                .forEach(d -> lines.add("Deprecated: " + d.region() + " " + d.imageId() + " at " + d.deprecateAt() + (d.changed() ? "" : " (already)")));
        report.failed().forEach(f -> lines.add("FAILED: " + f));
        return String.join("\n", lines);
    }
}
