package io.gilder.encryption;

import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The stack's {@code RegionKmsKeyArns}: the KMS key of each target region that copies are re-encrypted with, written
 * {@code us-east-1=arn:aws:kms:us-east-1:111122223333:key/...,eu-west-1=arn:...} (a multi-Region key's replicas are
 * named by their regional ARNs, {@code mrk-...}). A key's ARN must name the region it is given for.
 */
public record RegionKeys(Map<String, String> keys) {

    static final String FIELD = "RegionKmsKeyArns";
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):\\d{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+)");

    public RegionKeys {
        keys = Map.copyOf(new TreeMap<>(keys));
    }

    public static RegionKeys none() {
        return new RegionKeys(Map.of());
    }

    /** @throws InvalidRequestException naming {@value #FIELD} and every malformed entry */
    public static RegionKeys parse(String text) {
        Map<String, String> keys = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return none();
        }
        List<FieldProblem> problems = new java.util.ArrayList<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                problems.add(new FieldProblem(FIELD, "entry '" + trimmed + "' is not region=key-arn"));
                continue;
            }
            String region = trimmed.substring(0, eq).trim();
            String arn = trimmed.substring(eq + 1).trim();
            var matcher = KEY_ARN.matcher(arn);
            if (!REGION.matcher(region).matches()) {
                problems.add(new FieldProblem(FIELD, "entry '" + trimmed + "': '" + region + "' is not a region name"));
            } else if (!matcher.matches()) {
                problems.add(new FieldProblem(FIELD, "entry '" + trimmed + "': '" + arn + "' is not a KMS key or alias ARN"));
            } else if (!matcher.group(1).equals(region)) {
                problems.add(new FieldProblem(FIELD, "entry '" + trimmed + "': the key is in " + matcher.group(1) + ", not " + region
                        + " (a KMS key encrypts only in its own region; name a multi-Region key by its replica's ARN)"));
            } else if (keys.put(region, arn) != null) {
                problems.add(new FieldProblem(FIELD, "names " + region + " twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid stack setting", problems);
        }
        return new RegionKeys(keys);
    }

    public Optional<String> keyFor(String region) {
        return Optional.ofNullable(keys.get(region));
    }

    /** Whether {@code arn} is a KMS key or alias ARN (the form {@code ImageKmsKeyArn} must have). */
    public static boolean isKeyArn(String arn) {
        return arn != null && KEY_ARN.matcher(arn).matches();
    }
}
