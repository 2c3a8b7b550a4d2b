package io.gilder.instance;

import io.gilder.build.BuildRequest;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.GilderTags;
import io.gilder.registry.InstanceRole;
import io.gilder.scan.ScanSubject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance to launch for one role of one execution. Where it runs (subnet, security group,
 * instance profile) is the adapter's setting; everything that depends on the request is here.
 *
 * @param executionArn the Step Functions execution the instance belongs to
 * @param role         what the instance is for
 * @param imageId      AMI to boot
 * @param instanceType EC2 instance type
 * @param tags         tags of the instance and its volumes
 * @param clientToken  EC2 idempotency token: the same execution and role always give the same token,
 *                     so a retried launch returns the instance the first attempt created
 */
public record InstanceLaunch(String executionArn, InstanceRole role, String imageId, String instanceType,
        Map<String, String> tags, String clientToken) {

    /** EC2 accepts client tokens of up to 64 ASCII characters. */
    static final int MAX_CLIENT_TOKEN = 64;

    public InstanceLaunch {
        tags = Map.copyOf(tags);
    }

    /**
     * @throws InvalidRequestException when the execution, role or image is missing or the role is unknown
     */
    public static InstanceLaunch of(String executionArn, String role, String imageId, BuildRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (executionArn == null || executionArn.isBlank()) {
            problems.add(new FieldProblem("executionArn", "is required"));
        }
        if (imageId == null || imageId.isBlank()) {
            problems.add(new FieldProblem("imageId", "is required"));
        }
        if (request == null) {
            problems.add(new FieldProblem("request", "is required"));
        }
        InstanceRole parsed = InstanceRole.of(role).orElse(null);
        if (parsed == null) {
            problems.add(new FieldProblem("role", "must be builder, test or rescan, not " + role));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid launch-instance input", problems);
        }
        return new InstanceLaunch(executionArn, parsed, imageId, request.instanceType(),
                tags(executionArn, parsed, request), clientToken(executionArn, parsed));
    }

    /** EC2 allows at most 50 user tags on a resource. */
    public static final int MAX_TAGS = 50;

    /**
     * The launch of the scan sub-flow's instance for {@code subject}. Tags: the subject's identity and Gilder's
     * keys first, then the subject's own tags, then the image's copyable tags in key order while fewer than
     * {@link #MAX_TAGS}; a key already set is never overwritten by a later source.
     *
     * @throws InvalidRequestException when the execution, subject, its image or a known role is missing
     */
    public static InstanceLaunch of(String executionArn, ScanSubject subject) {
        List<FieldProblem> problems = new ArrayList<>();
        if (executionArn == null || executionArn.isBlank()) {
            problems.add(new FieldProblem("executionArn", "is required"));
        }
        if (subject == null) {
            problems.add(new FieldProblem("subject", "is required"));
        } else {
            if (subject.imageId() == null || subject.imageId().isBlank()) {
                problems.add(new FieldProblem("subject.imageId", "is required"));
            }
            if (subject.role() == null || subject.role() == InstanceRole.BUILDER) {
                problems.add(new FieldProblem("subject.role", "must be test or rescan, not " + subject.role()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid launch-instance input", problems);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(GilderTags.EXECUTION, executionArn);
        tags.put(GilderTags.ROLE, subject.role().tagValue());
        tags.put(GilderTags.PRODUCT, subject.product());
        tags.put(GilderTags.OS, subject.os());
        tags.put(GilderTags.VERSION, subject.version());
        tags.put(GilderTags.NAME, "gilder-" + subject.role().tagValue() + " " + subject.product() + " " + subject.os()
                + (subject.role() == InstanceRole.RESCAN ? " v" : " build ") + subject.version());
        subject.tags().forEach(tags::putIfAbsent);
        for (Map.Entry<String, String> t : subject.copyableImageTags().entrySet()) {
            if (tags.size() >= MAX_TAGS) {
                break;
            }
            tags.putIfAbsent(t.getKey(), t.getValue());
        }
        // A rescan's token also names the image: the run's children must never share an instance, even where (as in the
        // local emulator) a Distributed Map child sees its parent's execution id.
        String tokenKey = subject.role() == InstanceRole.RESCAN ? executionArn + "\n" + subject.imageId() : executionArn;
        return new InstanceLaunch(executionArn, subject.role(), subject.imageId(), subject.instanceType(), tags,
                clientToken(tokenKey, subject.role()));
    }

    /** {@code gilder-} and the SHA-256 of execution and role, URL-safe Base64: 50 characters. */
    static String clientToken(String executionArn, InstanceRole role) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((executionArn + "\n" + role.tagValue()).getBytes(StandardCharsets.UTF_8));
            return "gilder-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, String> tags(String executionArn, InstanceRole role, BuildRequest request) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(GilderTags.EXECUTION, executionArn);
        tags.put(GilderTags.ROLE, role.tagValue());
        tags.put(GilderTags.PRODUCT, request.product().id());
        tags.put(GilderTags.OS, request.os().id());
        tags.put(GilderTags.VERSION, request.buildVersion());
        tags.put(GilderTags.NAME, "gilder-" + role.tagValue() + " " + request.product().id() + " "
                + request.os().id() + " build " + request.buildVersion());
        return tags;
    }
}
