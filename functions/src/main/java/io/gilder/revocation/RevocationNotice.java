package io.gilder.revocation;

import io.gilder.registry.RevocationTags;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The notice a revocation sends, and what failed in it.
 *
 * @param failed every failed step or target, e.g. {@code "deprecate eu-west-1 ami-… (io.gilder.error.AwsCallFailedException)"}
 * @param cause  the failure cause the execution ends with when {@code failed} is not empty (null otherwise)
 */
public record RevocationNotice(String subject, String message, List<String> failed, String cause) {

    public RevocationNotice {
        failed = List.copyOf(failed);
    }

    /**
     * What each step did.
     *
     * @param mark        null when marking failed ({@code markError} says why)
     * @param deprecated  images deprecated (or found already deprecated, or gone); empty in {@code report} mode
     * @param deprecationFailures {@code "<region> <image> (<error>)"} of each image not deprecated
     * @param withdrawn   listings handled; empty unless {@code revoke}
     * @param withdrawalFailures {@code "<account or pipeline>/<region> <image> (<error>)"} of each listing not handled
     */
    public record Steps(RevocationMark mark, String markError, List<ImageDeprecated> deprecated, List<String> deprecationFailures,
            List<ListingWithdrawal> withdrawn, List<String> withdrawalFailures) {

        public Steps {
            deprecated = deprecated == null ? List.of() : List.copyOf(deprecated);
            deprecationFailures = deprecationFailures == null ? List.of() : List.copyOf(deprecationFailures);
            withdrawn = withdrawn == null ? List.of() : List.copyOf(withdrawn);
            withdrawalFailures = withdrawalFailures == null ? List.of() : List.copyOf(withdrawalFailures);
        }
    }

    static RevocationNotice of(String executionArn, RevocationPlan plan, Steps steps) {
        List<String> failed = new ArrayList<>();
        if (steps.mark() == null) {
            failed.add("mark (" + steps.markError() + ")");
        }
        steps.deprecationFailures().forEach(f -> failed.add("deprecate " + f));
        // The state machine formats a pipeline place's null account as "null".
        steps.withdrawalFailures().forEach(f -> failed.add("withdraw " + (f.startsWith("null/") ? "pipeline/" + f.substring(5) : f)));
        String label = plan.product() + " on " + plan.os() + " version " + plan.buildVersion();
        List<String> lines = new ArrayList<>();
        lines.add("Golden AMI " + plan.imageId() + " (" + label + ") revoked in mode '" + plan.mode() + "'"
                + (plan.requestedImageId().equals(plan.imageId()) ? "" : ", as asked for its copy " + plan.requestedImageId()) + ".");
        lines.add("Reason: " + plan.reason());
        lines.add("Triggered by: " + (plan.rescanRun() == null ? "a request by hand" : "rescan " + plan.rescanRun())
                + (plan.findings() == null ? "" : ", findings " + plan.findings()));
        lines.add("Execution: " + executionArn);
        lines.add("");
        if (steps.mark() != null) {
            lines.add("Marked (tags " + RevocationTags.REVOCATION + ", " + RevocationTags.REASON + ", " + RevocationTags.AT + ", "
                    + RevocationTags.BY + "): " + list(steps.mark().tagged()));
            if (!steps.mark().missing().isEmpty()) {
                lines.add("No longer exist: " + list(steps.mark().missing()));
            }
            lines.add(steps.mark().manifestRecorded() ? "Recorded in " + steps.mark().manifestKey()
                    : "No distribution manifest to record in (" + steps.mark().manifestKey() + ")");
        }
        RevocationMode mode = plan.revocationMode();
        if (mode.deprecates()) {
            lines.add("Deprecated: " + list(steps.deprecated().stream().filter(d -> d.deprecateAt() != null)
                    .map(d -> d.region() + " " + d.imageId() + " at " + d.deprecateAt() + (d.changed() ? "" : " (already)")).toList()));
        } else {
            lines.add("Not deprecated and left on /GoldenAMI/latest: mode 'report' only marks and notifies.");
        }
        if (mode.withdraws()) {
            lines.add("Taken off /GoldenAMI/latest: " + list(steps.withdrawn().stream().filter(ListingWithdrawal::removed)
                    .map(w -> place(w) + " " + w.imageId()).toList()));
            lines.add("Not listed (nothing to do): " + list(steps.withdrawn().stream().filter(w -> !w.removed())
                    .map(w -> place(w) + " " + w.imageId()).toList()));
            lines.add("The version parameters stay (" + plan.parameterName() + "); decommission-golden-ami removes them.");
        } else if (mode.deprecates()) {
            lines.add("Left on /GoldenAMI/latest: mode 'deprecate' does not withdraw.");
        }
        String cause = null;
        if (!failed.isEmpty()) {
            lines.add("");
            lines.add("FAILED: " + list(failed));
            cause = "revocation incomplete: " + failed.size() + " failed " + failed.stream().collect(Collectors.joining(", ", "[", "]"))
                    + " - fix the cause (each failed iteration in the execution history shows it) and run the same revocation again: "
                    + "what is done is skipped";
        }
        lines.add("");
        lines.add("To re-approve or replace the image, see docs/revocation.md.");
        String subject = (failed.isEmpty() ? "Golden AMI revoked (" : "Golden AMI revocation INCOMPLETE (") + plan.mode() + "): " + label;
        return new RevocationNotice(subject, String.join("\n", lines), failed, cause);
    }

    private static String place(ListingWithdrawal w) {
        return (w.accountId() == null ? "pipeline" : w.accountId()) + "/" + w.region();
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
