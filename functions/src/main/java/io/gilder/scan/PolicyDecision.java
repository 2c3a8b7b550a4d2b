package io.gilder.scan;

import io.gilder.build.ScanPolicy;
import java.util.List;

/**
 * What the scan policy made of a candidate's findings.
 *
 * @param passed        no counted finding is above the policy's maximum severity
 * @param reason        one sentence for people: why it passed or which findings block it
 * @param policy        the policy applied
 * @param counted       findings left after dropping the ignored ids
 * @param ignored       findings dropped because the policy ignores their id
 * @param blocking      every counted finding above the maximum severity, worst first
 */
public record PolicyDecision(boolean passed, String reason, ScanPolicy policy, int counted, int ignored,
        List<Finding> blocking) {

    public PolicyDecision {
        blocking = List.copyOf(blocking);
    }
}
