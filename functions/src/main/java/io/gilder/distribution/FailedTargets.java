package io.gilder.distribution;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Names the failed targets of a distribution in one sentence, for the execution's error. */
public final class FailedTargets {

    /** Each reason is cut to this many characters, so that many failures still fit the execution's error cause. */
    static final int MAX_REASON = 200;

    private FailedTargets() {}

    /**
     * E.g. {@code failed targets: 111111111111/eu-west-1 (AccessDenied ...), 222222222222/us-east-1 (...) - 2 of 6 failed;
     * re-run the distribution to finish them}, targets in account and region order.
     *
     * @return empty when no target failed
     */
    public static Optional<String> describe(List<TargetOutcome> outcomes) {
        return describe(outcomes, List.of());
    }

    /**
     * As {@link #describe(List)}, led by the run's other problems, e.g. {@code region eu-west-1 (ImageCopyFailedException: ...);
     * failed targets: ...}.
     *
     * @return empty when no target failed and there is no problem
     */
    public static Optional<String> describe(List<TargetOutcome> outcomes, List<String> problems) {
        List<TargetOutcome> failed = outcomes.stream().filter(TargetOutcome::failed)
                .sorted((a, b) -> a.target().compareTo(b.target())).toList();
        if (failed.isEmpty() && problems.isEmpty()) {
            return Optional.empty();
        }
        String lead = problems.stream().map(FailedTargets::reason).collect(Collectors.joining("; "));
        String list = failed.stream().map(o -> o.target().id() + " (" + reason(o.error()) + ")").collect(Collectors.joining(", "));
        return Optional.of(lead + (lead.isEmpty() || failed.isEmpty() ? "" : "; ") + (failed.isEmpty() ? "" : "failed targets: " + list)
                + (failed.isEmpty() ? " - all " + outcomes.size() + " targets published" : " - " + failed.size() + " of " + outcomes.size()
                        + " targets failed") + "; what succeeded is recorded, re-run the distribution to finish the rest");
    }

    private static String reason(String error) {
        String oneLine = error.isBlank() ? "no reason given" : error.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON - 3) + "...";
    }
}
