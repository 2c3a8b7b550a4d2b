package io.gilder.rescan;

import io.gilder.error.InvalidRequestException;
import io.gilder.registry.Fields;
import io.gilder.revocation.RevocationRequestParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the rescan does with an image whose findings failed the scan policy: it starts a {@code revoke-golden-ami}
 * execution (whatever the mode: {@code report} still marks and notifies). The execution's name is derived from the rescan
 * run and the image, so a retried request starts nothing twice.
 */
public final class RescanRevocations {

    private static final Pattern EXECUTION_ARN = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:\\s]+:[^:\\s]+");
    private static final String DEFAULT_REASON = "rescan findings failed the scan policy";

    private final RevocationStarter starter;

    public RescanRevocations(RevocationStarter starter) {
        this.starter = starter;
    }

    /**
     * @param raw {@code {"run": "<rescan execution arn>", "image": {"imageId", "region"?, "policy": {"passed", "reason"},
     *            "evidence": {"findings"}}}} as decoded JSON
     * @return the started (or already started) execution; empty when the policy passed
     * @throws InvalidRequestException naming each bad field
     */
    public Optional<RevocationStarter.Started> request(Object raw) {
        Fields in = Fields.of(raw, "request");
        String run = in.requiredString("run", EXECUTION_ARN, "the rescan's Step Functions execution ARN");
        Fields image = in.optionalObject("image").orElse(null);
        if (image == null && !in.has("image")) {
            in.problem("image", "is required");
        }
        String imageId = image == null ? null : image.requiredString("imageId", RevocationRequestParser.IMAGE_ID, "an AMI id");
        String region = image == null ? null : image.optionalString("region", null, null).orElse(null);
        Fields policy = image == null ? null : image.optionalObject("policy").orElse(null);
        Object passed = policy == null ? null : policy.raw("passed");
        if (image != null && !(passed instanceof Boolean)) {
            in.problem("image.policy.passed", "is required and must be a JSON boolean, not " + Fields.jsonType(passed));
        }
        String reason = policy == null ? null : policy.optionalString("reason", null, null).orElse(null);
        String findings = image == null ? null : image.optionalObject("evidence")
                .flatMap(e -> e.optionalString("findings", RevocationRequestParser.S3_URI, "an S3 URI such as s3://bucket/key")).orElse(null);
        if (!in.problems().isEmpty()) {
            throw new InvalidRequestException("Invalid revocation request from a rescan", in.problems());
        }
        if (Boolean.TRUE.equals(passed)) {
            return Optional.empty();
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("imageId", imageId);
        if (region != null) {
            input.put("region", region);
        }
        input.put("reason", reason == null || reason.isBlank() ? DEFAULT_REASON : reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("rescanRun", run);
        if (findings != null) {
            trigger.put("findings", findings);
        }
        input.put("trigger", trigger);
        return Optional.of(starter.start(executionName(run, imageId), input));
    }

    /** {@code rescan-<image id>-<16 hex digits of SHA-256(run, image)>}: at most 80 characters, the same for a retry. */
    public static String executionName(String run, String imageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((run + "\n" + imageId).getBytes(StandardCharsets.UTF_8));
            return "rescan-" + imageId + "-" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
