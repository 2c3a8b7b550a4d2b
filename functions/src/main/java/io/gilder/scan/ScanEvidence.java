package io.gilder.scan;

import io.gilder.build.BuildRequest;
import java.util.Locale;

/**
 * Where a scan's evidence lives in the evidence store:
 * {@code <os>/<product>/<version>/<imageId>/scan/<scanRef>/} with the scan reference made path-safe
 * ({@code scan/1510690390.39640} becomes {@code scan-1510690390.39640}).
 */
public final class ScanEvidence {

    public static final String FINDINGS = "findings.json";
    public static final String DECISION = "decision.json";
    /** What a rescan found new, resolved or changed since the image's previous scan. */
    public static final String DELTA = "delta.json";
    /** Prefix of the rescans' reports and of the pointers to each image's last rescan. */
    public static final String RESCANS = "rescans/";

    private ScanEvidence() {}

    /** Key of {@code file} (one of the constants) of the scan {@code scanRef} of {@code imageId}. */
    public static String key(BuildRequest request, String imageId, String scanRef, String file) {
        return request.os().id() + "/" + request.product().id() + "/" + request.buildVersion() + "/" + safe(imageId)
                + "/scan/" + safe(scanRef) + "/" + file;
    }

    /** Key of {@code file} of the scan {@code scanRef} of a scan sub-flow's subject: the same layout as {@link #key(BuildRequest, String, String, String)}. */
    public static String key(ScanSubject subject, String scanRef, String file) {
        return safe(subject.os()) + "/" + safe(subject.product()) + "/" + safe(subject.version()) + "/" + safe(subject.imageId())
                + "/scan/" + safe(scanRef) + "/" + file;
    }

    /** Prefix of every scan of a subject's image: {@code <os>/<product>/<version>/<imageId>/scan/}. */
    public static String scansOf(ScanSubject subject) {
        return safe(subject.os()) + "/" + safe(subject.product()) + "/" + safe(subject.version()) + "/" + safe(subject.imageId()) + "/scan/";
    }

    /** Key of the pointer to the last rescan of {@code imageId}, e.g. {@code rescans/last/ami-0abc.json}. */
    public static String lastRescan(String imageId) {
        return RESCANS + "last/" + safe(imageId) + ".json";
    }

    /** Key of a rescan run's report: {@code rescans/<yyyy>/<mm>/<dd>/<execution name>/<file>}. */
    public static String rescanReport(java.time.LocalDate day, String executionName, String file) {
        return RESCANS + String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth()) + safe(executionName)
                + "/" + file;
    }

    /**
     * File name of the scanner's raw answer, after its media type: {@code raw.xml} for XML (a Tenable
     * {@code .nessus} export), {@code raw.json} for anything else (Qualys and Inspector answer JSON).
     */
    public static String rawFile(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("xml") ? "raw.xml" : "raw.json";
    }

    /** Keeps letters, digits, '.', '_' and '-'; replaces anything else (slashes, spaces, ':') with '-'. */
    static String safe(String segment) {
        String cleaned = segment.replaceAll("[^A-Za-z0-9._-]", "-");
        if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("not usable in an evidence path: '" + segment + "'");
        }
        return cleaned;
    }
}
