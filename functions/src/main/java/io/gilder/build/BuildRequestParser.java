package io.gilder.build;

import io.gilder.error.InvalidRequestException;
import io.gilder.registry.Fields;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the shape and format of a build request (no AWS look-ups) and applies the defaults. */
public final class BuildRequestParser {

    static final Set<String> FIELDS = Set.of(
            "sourceAmiId", "productName", "productOSAndVersion", "buildVersion", "instanceType",
            "preUpdateScript", "postUpdateScript", "includePackages", "excludePackages", "scanner", "allowUnscanned",
            "scanPolicy", "approvalTimeout");
    /** The build skips the scan states: no test instance, nothing scanned; allowed only with {@code allowUnscanned}. */
    public static final String NO_SCANNER = "none";
    /** Scanners this release can drive, and {@link #NO_SCANNER}; the stack parameter and a request may name only these. */
    static final Set<String> SCANNERS = Set.of("qualys", "tenable", "inspector", NO_SCANNER);
    /** Step Functions allows a task up to a year; an approval beyond 30 days is a forgotten one. */
    private static final Duration MIN_APPROVAL = Duration.ofSeconds(1);
    private static final Duration MAX_APPROVAL = Duration.ofDays(30);
    /** An inline script's largest size: two of them and the rest of a build's state stay far below Step Functions' 256 KiB. */
    static final int MAX_INLINE_SCRIPT_BYTES = 16 * 1024;
    /** The most entries of includePackages or excludePackages. */
    static final int MAX_PACKAGES = 100;
    private static final Set<String> POLICY_FIELDS = Set.of("maxSeverity", "ignoredFindingIds");

    private static final Pattern AMI_ID = Pattern.compile("ami-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    public static final Pattern BUILD_VERSION = Pattern.compile("[0-9]+(?:\\.[0-9]+){0,2}");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    /** Package names and globs as dnf, yum and apt accept them; nothing a shell would interpret. */
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._:*~-]{0,127}");

    private BuildRequestParser() {}

    /** {@link #parse(Object, BuildDefaults, LocalDate)} on today's date (UTC), for tests and tools. */
    static BuildRequest parse(Object raw, BuildDefaults defaults) {
        return parse(raw, defaults, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /**
     * Checks a request against the format of each field and against the stack's limits, which a request may
     * tighten but never loosen: {@code scanPolicy.maxSeverity} at most {@code MaxAllowedSeverity},
     * {@code ignoredFindingIds} only the stack's {@code FindingExceptions} in force on {@code today},
     * {@code allowUnscanned} (and scanner {@code none}) only when {@code AllowUnscannedImages} is true.
     *
     * @param raw   the execution input as decoded JSON
     * @param today the day exceptions are checked on (UTC)
     * @throws InvalidRequestException naming every field that is missing, blank, of the wrong type, badly formatted
     *                                 or beyond the stack's limits
     */
    public static BuildRequest parse(Object raw, BuildDefaults defaults, LocalDate today) {
        Fields in = Fields.of(raw, "request");
        in.rejectUnknown(FIELDS);
        String amiId = in.requiredString("sourceAmiId", AMI_ID, "an AMI id such as ami-0123456789abcdef0");
        String product = in.requiredString("productName", NamedVersion.FORMAT, NamedVersion.HINT);
        String os = in.requiredString("productOSAndVersion", NamedVersion.FORMAT,
                NamedVersion.HINT.replace("WebServer-1.2", "AmazonLinux-2023"));
        String buildVersion = in.requiredString("buildVersion", BUILD_VERSION,
                "a version of one to three dot-separated numbers, e.g. \"3\" or \"1.4.0\"");
        String instanceType = in.optionalString("instanceType", INSTANCE_TYPE, "an EC2 instance type such as t3.medium")
                .orElse(defaults.instanceType());
        Script pre = script(in, "preUpdateScript");
        Script post = script(in, "postUpdateScript");
        String packageHint = "a package name or glob (letters, digits and + . _ : * ~ -)";
        List<String> include = in.optionalStringList("includePackages", PACKAGE, packageHint);
        List<String> exclude = in.optionalStringList("excludePackages", PACKAGE, packageHint);
        for (var list : java.util.Map.of("includePackages", include, "excludePackages", exclude).entrySet()) {
            if (list.getValue().size() > MAX_PACKAGES) {
                in.problem(list.getKey(), "lists " + list.getValue().size() + " packages; at most " + MAX_PACKAGES
                        + " (globs such as nginx* name many at once)");
            }
        }

        String scanner = in.optionalString("scanner", Pattern.compile(String.join("|", SCANNERS)),
                "one of " + String.join(", ", new java.util.TreeSet<>(SCANNERS))).orElse(defaults.scanner());
        java.util.Optional<Boolean> askedUnscanned = in.optionalBoolean("allowUnscanned");
        boolean malformedFlag = in.has("allowUnscanned") && !(in.raw("allowUnscanned") instanceof Boolean);
        if (askedUnscanned.orElse(false) && !defaults.allowUnscanned()) {
            in.problem("allowUnscanned", "may be true only when the stack's AllowUnscannedImages is true (it is false): a request "
                    + "may tighten the gate, never loosen it");
        } else if (NO_SCANNER.equals(scanner) && !defaults.allowUnscanned() && !malformedFlag) {
            in.problem("scanner", "is none" + (in.has("scanner") ? "" : " (the stack's ScannerType)") + ", which needs the stack's "
                    + "AllowUnscannedImages to be true (it is false): the image would be offered for approval and registered "
                    + "without any vulnerability scan");
        } else if (NO_SCANNER.equals(scanner) && !askedUnscanned.orElse(true)) {
            in.problem("allowUnscanned", "is false, so a build with scanner none cannot run: the image would be registered "
                    + "without any vulnerability scan");
        }
        long approvalSeconds = in.optionalDuration("approvalTimeout", MIN_APPROVAL, MAX_APPROVAL)
                .orElse(Duration.ofHours(defaults.approvalTimeoutHours())).toSeconds();
        ScanPolicy policy = scanPolicy(in, defaults, today);

        if (!in.problems().isEmpty()) {
            throw new InvalidRequestException("Invalid build request", in.problems());
        }
        NamedVersion productId = NamedVersion.parse(product);
        NamedVersion osId = NamedVersion.parse(os);
        return new BuildRequest(amiId, productId, osId, buildVersion, instanceType, pre, post, include, exclude,
                scanner, policy, approvalSeconds, GoldenParameters.imageParameter(osId, productId, buildVersion));
    }

    /**
     * {@code scanPolicy} tightens the stack's policy field by field: a lower {@code maxSeverity}, fewer ignored ids.
     * Without it (or without {@code ignoredFindingIds}) the stack's exceptions in force today are ignored.
     */
    private static ScanPolicy scanPolicy(Fields in, BuildDefaults defaults, LocalDate today) {
        int ceiling = defaults.scanPolicy().maxSeverity();
        ScanPolicy stack = ScanPolicy.ofStack(ceiling, defaults.findingExceptions(), today);
        return in.optionalObject("scanPolicy").map(policy -> {
            policy.rejectUnknown(POLICY_FIELDS);
            int maxSeverity = policy.optionalInt("maxSeverity", 1, 5).orElse(ceiling);
            if (maxSeverity > ceiling) {
                policy.problem("maxSeverity", "must be at most " + ceiling + ", the stack's MaxAllowedSeverity, not " + maxSeverity
                        + ": a request may tighten the gate, never loosen it");
            }
            if (!policy.has("ignoredFindingIds")) {
                return new ScanPolicy(Math.min(maxSeverity, ceiling), stack.ignoredFindingIds(), stack.exceptions());
            }
            List<String> ids = policy.optionalStringList("ignoredFindingIds", FindingException.ID, "a scanner finding id such as a Qualys QID");
            List<FindingException> granted = new java.util.ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                java.util.Optional<FindingException> exception = defaults.findingExceptions().stream().filter(e -> e.id().equals(id)).findFirst();
                if (exception.isEmpty()) {
                    policy.problem("ignoredFindingIds[" + i + "]", "is " + id + ", which is not among the stack's FindingExceptions: "
                            + "only the platform team's exceptions (each with an expiry date and a reason) may be ignored");
                } else if (!exception.get().inForceOn(today)) {
                    policy.problem("ignoredFindingIds[" + i + "]", "is " + id + ", whose exception in the stack's FindingExceptions "
                            + "expired on " + exception.get().expires());
                } else if (granted.stream().noneMatch(e -> e.id().equals(id))) {
                    granted.add(exception.get());
                }
            }
            return new ScanPolicy(Math.min(maxSeverity, ceiling), granted.stream().map(FindingException::id).toList(), granted);
        }).orElse(stack);
    }

    private static Script script(Fields in, String field) {
        return in.optionalString(field, null, null).map(value -> {
            Script.Result result = Script.read(value);
            int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (result.script().isPresent() && result.script().get().kind() == Script.Kind.INLINE && bytes > MAX_INLINE_SCRIPT_BYTES) {
                in.problem(field, "is " + bytes + " bytes of inline script; at most " + MAX_INLINE_SCRIPT_BYTES
                        + " (it travels in the execution's state, which Step Functions caps at 256 KiB): put a longer script in S3 "
                        + "and give s3://bucket/key#versionId=<id>");
                return null;
            }
            if (result.problem() != null) {
                in.problem(field, result.problem());
            }
            return result.script().orElse(null);
        }).orElse(null);
    }
}
