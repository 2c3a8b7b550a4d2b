package io.gilder.build;

import java.util.Objects;

/**
 * What a build request falls back to when it leaves a field out: the stack's parameters.
 *
 * @param pollSeconds    seconds between two checks of the workflow's wait loops (not overridable per build)
 * @param allowUnscanned the stack's {@code AllowUnscannedImages}: the default of a request's {@code allowUnscanned}
 */
public record BuildDefaults(String instanceType, String scanner, ScanPolicy scanPolicy, int approvalTimeoutHours,
        int pollSeconds, boolean allowUnscanned) {

    public BuildDefaults {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(scanPolicy, "scanPolicy");
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
