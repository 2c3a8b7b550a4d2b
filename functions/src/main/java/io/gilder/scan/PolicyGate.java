package io.gilder.scan;

import io.gilder.build.ScanPolicy;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scan policy gate: a candidate passes when none of its findings, apart from the ignored ids,
 * is more severe than the policy allows. Pure; the same findings and policy always give the same decision.
 */
public final class PolicyGate {

    /** How many blocking findings the reason names; the decision itself keeps all of them. */
    static final int NAMED_IN_REASON = 5;

    private PolicyGate() {}

    /**
     * The decision on {@code today}: exceptions that lapsed since the request was validated no longer ignore their
     * findings, and the reason names them.
     */
    public static PolicyDecision evaluate(ScanPolicy policy, List<Finding> findings, java.time.LocalDate today) {
        List<io.gilder.build.FindingException> lapsed = policy.lapsedOn(today);
        PolicyDecision decision = evaluate(policy.inForceOn(today), findings);
        if (lapsed.isEmpty()) {
            return decision;
        }
        String note = " Exceptions that lapsed before this evaluation, so their findings count: "
                + lapsed.stream().map(e -> e.id() + " (expired " + e.expires() + ")").collect(Collectors.joining(", ")) + ".";
        return new PolicyDecision(decision.passed(), decision.reason() + note, decision.policy(), decision.counted(),
                decision.ignored(), decision.blocking());
    }

    public static PolicyDecision evaluate(ScanPolicy policy, List<Finding> findings) {
        Set<String> ignoredIds = Set.copyOf(policy.ignoredFindingIds());
        List<Finding> counted = findings.stream().filter(f -> !ignoredIds.contains(f.id())).toList();
        List<Finding> blocking = counted.stream().filter(f -> f.severity() > policy.maxSeverity()).sorted(Finding.WORST_FIRST).toList();
        int ignored = findings.size() - counted.size();
        return new PolicyDecision(blocking.isEmpty(), reason(policy, counted.size(), ignored, blocking), policy,
                counted.size(), ignored, blocking);
    }

    /**
     * The decision on a candidate built with scanner {@code none}: nothing was scanned, so nothing can block it;
     * the approver decides without findings, and the reason says so.
     */
    public static PolicyDecision unscanned(ScanPolicy policy) {
        return new PolicyDecision(true, UNSCANNED_REASON, policy, 0, 0, List.of());
    }

    /** The reason of {@link #unscanned}: the approval e-mail and page show it. */
    public static final String UNSCANNED_REASON = "NOT SCANNED: this build used scanner none (allowed by allowUnscanned or the stack's AllowUnscannedImages), "
            + "so no vulnerability scan ran and the policy checked nothing.";

    private static String reason(ScanPolicy policy, int counted, int ignored, List<Finding> blocking) {
        String ignoredNote = ignored == 0 ? "" : " (" + ignored + " ignored by policy)";
        if (blocking.isEmpty()) {
            return counted == 0 ? "No findings" + ignoredNote + "."
                    : "All " + counted + " findings are at severity " + policy.maxSeverity() + " or lower" + ignoredNote + ".";
        }
        String named = blocking.stream().limit(NAMED_IN_REASON).map(PolicyGate::describe).collect(Collectors.joining("; "));
        String more = blocking.size() > NAMED_IN_REASON ? "; and " + (blocking.size() - NAMED_IN_REASON) + " more" : "";
        return blocking.size() + (blocking.size() == 1 ? " finding is" : " findings are") + " above the allowed severity "
                + policy.maxSeverity() + ignoredNote + ": " + named + more + ".";
    }

    private static String describe(Finding f) {
        String cves = f.cves().isEmpty() ? "" : " [" + String.join(", ", f.cves()) + "]";
        return f.id() + " severity " + f.severity() + " " + f.title() + cves;
    }
}
