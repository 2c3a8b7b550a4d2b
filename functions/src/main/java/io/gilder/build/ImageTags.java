package io.gilder.build;

import io.gilder.registry.GilderTags;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags Gilder puts on candidate and golden images and their snapshots. */
public final class ImageTags {

    private ImageTags() {}

    /** Tags of a freshly created candidate image and of its snapshots, given at CreateImage. */
    public static Map<String, String> candidate(BuildRequest request, String sourceImageId, String executionArn,
            String imageName) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(GilderTags.AMI_TYPE, GilderTags.CANDIDATE);
        tags.put(GilderTags.PRODUCT, request.product().id());
        tags.put(GilderTags.OS, request.os().id());
        tags.put(GilderTags.VERSION, request.buildVersion());
        tags.put(GilderTags.SOURCE_AMI, sourceImageId);
        tags.put(GilderTags.EXECUTION, executionArn);
        tags.put(GilderTags.NAME, imageName);
        return tags;
    }

    /** EC2's longest tag value. */
    static final int MAX_TAG_VALUE = 256;

    /**
     * What approval adds to (or changes on) a candidate image and its snapshots.
     *
     * @param scanner       the build's scanner; {@code none} marks the image unscanned ({@code gilder:scanned=false})
     * @param scanReference the scanner's reference of the scan the approver saw
     */
    public static Map<String, String> golden(String approver, String approvedAt, String scanner, String scanReference) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(GilderTags.AMI_TYPE, GilderTags.GOLDEN);
        // EC2 keeps at most 256 characters a value; a quorum of long names is cut (the execution and the decision log keep them all).
        tags.put(GilderTags.APPROVER, approver.length() <= MAX_TAG_VALUE ? approver : approver.substring(0, MAX_TAG_VALUE - 3) + "...");
        tags.put(GilderTags.APPROVED_AT, approvedAt);
        tags.put(GilderTags.SCAN_REFERENCE, scanReference);
        tags.put(GilderTags.SCANNER, scanner);
        tags.put(GilderTags.SCANNED, String.valueOf(!BuildRequestParser.NO_SCANNER.equals(scanner)));
        return tags;
    }
}
