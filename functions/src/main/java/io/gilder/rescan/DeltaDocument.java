package io.gilder.rescan;

import io.gilder.scan.Finding;
import java.util.List;

/**
 * {@code delta.json}, next to a rescan's {@code findings.json}: everything that changed since the baseline.
 *
 * @param baseline     {@code rescan}, {@code build}, {@code none} or {@code unreadable}
 * @param baselineKey  key of the baseline's findings, {@code null} when none
 * @param added        new findings, worst first
 * @param resolved     findings of the baseline gone now, worst first
 * @param changed      findings of both with another severity, as found now, worst first
 */
public record DeltaDocument(String scanner, String scanRef, String imageId, String baseline, String baselineKey, List<Finding> added,
        List<Finding> resolved, List<Finding> changed) {}
