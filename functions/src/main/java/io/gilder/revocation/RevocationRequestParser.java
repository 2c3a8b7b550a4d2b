package io.gilder.revocation;

import io.gilder.error.InvalidRequestException;
import io.gilder.registry.Fields;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code revoke-golden-ami} execution input, reporting every bad field by name. */
public final class RevocationRequestParser {

    public static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern MODE = Pattern.compile("report|deprecate|revoke");
    private static final Pattern EXECUTION_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:\\s]+:[^:\\s]+");
    public static final Pattern S3_URI = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\\S+");
    private static final Pattern REASON = Pattern.compile("[\\s\\S]{1,1000}");
    private static final Set<String> FIELDS = Set.of("imageId", "region", "reason", "mode", "trigger");

    private RevocationRequestParser() {}

    /** @throws InvalidRequestException naming every missing, blank, mistyped or badly formatted field */
    public static RevocationRequest parse(Object raw) {
        Fields in = Fields.of(raw, "request");
        in.rejectUnknown(FIELDS);
        String imageId = in.requiredString("imageId", IMAGE_ID, "an AMI id such as ami-0123456789abcdef0");
        String region = in.optionalString("region", REGION, "a region name such as eu-west-1").orElse(null);
        String reason = in.requiredString("reason", REASON, "at most 1,000 characters");
        RevocationMode mode = in.optionalString("mode", MODE, "one of report, deprecate, revoke")
                .flatMap(RevocationMode::of).orElse(null);
        RevocationRequest.Trigger trigger = in.optionalObject("trigger").map(t -> {
            t.rejectUnknown(Set.of("rescanRun", "findings"));
            String run = t.optionalString("rescanRun", EXECUTION_ARN, "a Step Functions execution ARN").orElse(null);
            String findings = t.optionalString("findings", S3_URI, "an S3 URI such as s3://bucket/key").orElse(null);
            return new RevocationRequest.Trigger(run, findings);
        }).orElse(null);
        if (!in.problems().isEmpty()) {
            throw new InvalidRequestException("Invalid revocation request", in.problems());
        }
        return new RevocationRequest(imageId, region, reason, mode, trigger);
    }
}
