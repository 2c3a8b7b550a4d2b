package io.gilder.registry;

/**
 * Tag keys Gilder puts on what it creates. {@link #EXECUTION} is on every instance, image and
 * snapshot a build creates, so cleanup finds leftovers by tag even when the state machine's own
 * record of them was lost. The other keys describe images for people and for the compliance rule.
 */
public final class GilderTags {

    /** ARN of the Step Functions execution that created the resource. */
    public static final String EXECUTION = "gilder:execution";
    /** What an instance is for: {@code builder}, {@code test} or {@code rescan}. */
    public static final String ROLE = "gilder:role";
    /** {@code Candidate} until approved, then {@code Golden}. */
    public static final String AMI_TYPE = "AMI-Type";
    public static final String PRODUCT = "Product";
    public static final String OS = "OS";
    public static final String VERSION = "Version";
    public static final String SOURCE_AMI = "SourceAMI";
    public static final String SCAN_REFERENCE = "ScanReference";
    public static final String APPROVER = "Approver";
    public static final String APPROVED_AT = "ApprovedAt";
    public static final String NAME = "Name";
    /** The scanner a golden image was scanned with: {@code qualys}, {@code tenable}, {@code inspector}, or {@code none}. */
    public static final String SCANNER = "gilder:scanner";
    /** {@code true}, or {@code false} for an image registered without any vulnerability scan (scanner {@code none}). */
    public static final String SCANNED = "gilder:scanned";

    public static final String CANDIDATE = "Candidate";
    public static final String GOLDEN = "Golden";

    private GilderTags() {}
}
