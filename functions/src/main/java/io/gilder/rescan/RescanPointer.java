package io.gilder.rescan;

/**
 * {@code rescans/last/<imageId>.json}: the last rescan of an image, the baseline of its next one.
 *
 * @param findings     reference of that scan's {@code findings.json} (for people)
 * @param key          its key in the evidence store (for the next rescan)
 * @param scannedAt    when the pointer was moved (ISO-8601)
 * @param run          the rescan run (execution ARN)
 * @param scanRef      the scanner's reference of that scan
 * @param baselineKey  what that scan was compared with ({@code null} when nothing): lets a retried comparison of the
 *                     same scan compare with the same baseline after the pointer already moved
 * @param baseline     {@code rescan}, {@code build}, {@code none} or {@code unreadable}
 */
public record RescanPointer(String findings, String key, String scannedAt, String run, String scanRef, String baselineKey,
        String baseline) {}
