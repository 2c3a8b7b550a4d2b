package io.gilder.rescan;

import io.gilder.scan.FindingsSummary;
import io.gilder.scan.RescanTarget;

/**
 * The outcome of re-scanning one golden AMI, as the report and the summary show it.
 *
 * @param imageId      the AMI
 * @param label        what people call it, e.g. {@code WebServer-1.2 AmazonLinux-2023 v7} ({@code unregistered} when no
 *                     version parameter holds it)
 * @param scanned      whether a scan finished and its findings were collected
 * @param findings     counts of this scan's findings; {@code null} when not scanned
 * @param added        counts of the findings new since the last scan; {@code null} when not scanned
 * @param policyPassed whether the findings pass the rescan policy; {@code null} when not scanned
 * @param error        why the image was not scanned (short), {@code null} when scanned
 * @param revocation   what was done about a failed policy, e.g. {@code revocation rescan-ami-1-… started}; {@code null}
 *                     when nothing was asked
 */
public record ImageRescan(String imageId, String label, boolean scanned, FindingsSummary findings, FindingsSummary added,
        Boolean policyPassed, String error, String revocation) {

    /** Longest {@link #error} kept: Step Functions causes can reach 32 KiB, the summary must stay readable. */
    public static final int MAX_ERROR = 1000;

    public ImageRescan {
        if (imageId == null || imageId.isBlank()) {
            throw new IllegalArgumentException("an image rescan needs imageId");
        }
        if (scanned && (findings == null || added == null || policyPassed == null)) {
            throw new IllegalArgumentException("scanned image " + imageId + " needs findings, added and policyPassed");
        }
        label = label == null || label.isBlank() ? "unregistered" : label;
        error = cut(error);
        revocation = cut(revocation);
    }

    public static ImageRescan scanned(String imageId, String label, FindingsSummary findings, FindingsSummary added,
            boolean policyPassed) {
        return new ImageRescan(imageId, label, true, findings, added, policyPassed, null, null);
    }

    public static ImageRescan notScanned(String imageId, String label, String error) {
        return new ImageRescan(imageId, label, false, null, null, null, error == null ? "unknown failure" : error, null);
    }

    /** This outcome with what was done about its failed policy. */
    public ImageRescan withRevocation(String what) {
        return new ImageRescan(imageId, label, scanned, findings, added, policyPassed, error, what);
    }

    private static String cut(String text) {
        return text != null && text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR - 1) + "…" : text;
    }

    /** {@code WebServer-1.2 AmazonLinux-2023 v7}, or {@code null} for an unregistered target. */
    public static String labelOf(RescanTarget target) {
        return target.unregistered() ? null : target.product() + " " + target.os() + " v" + target.version();
    }
}
