package io.gilder.build;

import java.util.List;
import java.util.Objects;

/**
 * What a build request falls back to when it leaves a field out, and the limits it may not loosen: the stack's
 * parameters.
 *
 * @param scanPolicy        the stack's policy: its {@code maxSeverity} is {@code MaxAllowedSeverity}, the ceiling of a
 *                          request's; its ignored ids are the default of a request's
 * @param pollSeconds       seconds between two checks of the workflow's wait loops (not overridable per build)
 * @param allowUnscanned    the stack's {@code AllowUnscannedImages}: only then may a build skip the scan
 * @param findingExceptions the stack's {@code FindingExceptions}, the only ids a request may ignore (while in force)
 * @param trustedImageOwners the stack's {@code TrustedImageOwners}: {@code amazon}, {@code self} or account ids a
 *                          source AMI must come from
 */
public record BuildDefaults(String instanceType, String scanner, ScanPolicy scanPolicy, int approvalTimeoutHours,
        int pollSeconds, boolean allowUnscanned, List<FindingException> findingExceptions, List<String> trustedImageOwners) {

    /** The default of {@code TrustedImageOwners}: Amazon's own images and the pipeline account's. */
    public static final List<String> AMAZON_AND_SELF = List.of(SourceImageRules.AMAZON, SourceImageRules.SELF);

    public BuildDefaults {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(scanPolicy, "scanPolicy");
        findingExceptions = findingExceptions == null ? List.of() : List.copyOf(findingExceptions);
        trustedImageOwners = trustedImageOwners == null || trustedImageOwners.isEmpty() ? AMAZON_AND_SELF : List.copyOf(trustedImageOwners);
    }

    /** Defaults of a stack without finding exceptions, trusting Amazon and itself. */
    public BuildDefaults(String instanceType, String scanner, ScanPolicy scanPolicy, int approvalTimeoutHours, int pollSeconds,
            boolean allowUnscanned) {
        this(instanceType, scanner, scanPolicy, approvalTimeoutHours, pollSeconds, allowUnscanned, List.of(), AMAZON_AND_SELF);
    }

    /** Defaults of a stack that does not allow unscanned images. */
    public BuildDefaults(String instanceType, String scanner, ScanPolicy scanPolicy, int approvalTimeoutHours, int pollSeconds) {
        this(instanceType, scanner, scanPolicy, approvalTimeoutHours, pollSeconds, false);
    }

    /** Defaults for tests and tools: t3.medium, Qualys, severity ≤ 3, 72 h, 30 s polls. */
    public static BuildDefaults standard() {
        return new BuildDefaults("t3.medium", "qualys", new ScanPolicy(3, java.util.List.of()), 72, 30);
    }
}
