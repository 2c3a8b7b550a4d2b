package io.gilder.decommission;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Instances still launched from a decommissioned image (or its copies), across accounts and regions.
 *
 * @param placesChecked account and region pairs looked at
 * @param instances     {@code <account>/<region>/<instance id>} of the first {@link #LISTED} instances found
 * @param total         instances found in all
 */
public record ImageUsageReport(String imageId, int placesChecked, List<String> instances, int total, boolean forced) {

    /** At most this many instances are named in the report and its error. */
    public static final int LISTED = 20;

    public ImageUsageReport {
        instances = List.copyOf(instances);
    }

    /** One instance in use. @param accountId the account, or "pipeline" for the pipeline account */
    public record InstanceInUse(String accountId, String region, String instanceId) {
        String label() {
            return accountId + "/" + region + "/" + instanceId;
        }
    }

    public static ImageUsageReport of(String imageId, int placesChecked, List<InstanceInUse> found, boolean forced) {
        return new ImageUsageReport(imageId, placesChecked, found.stream().limit(LISTED).map(InstanceInUse::label).toList(),
                found.size(), forced);
    }

    public boolean inUse() {
        return total > 0;
    }

    /** The refusal message: how many instances, which (at most {@link #LISTED}), and what to do. */
    public String describe() {
        String more = total > instances.size() ? " and " + (total - instances.size()) + " more" : "";
        return imageId + " (or a copy) is still used by " + total + " instance(s): "
                + instances.stream().collect(Collectors.joining(", ")) + more
                + ". Stop or replace them, or re-run the decommission with \"force\": true";
    }
}
