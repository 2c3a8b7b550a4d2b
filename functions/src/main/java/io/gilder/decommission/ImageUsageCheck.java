package io.gilder.decommission;

import io.gilder.error.ImageInUseException;
import io.gilder.registry.CrossAccountRole;
import java.util.ArrayList;
import java.util.List;

/** Looks in every account and region of a plan for instances that still use the image or its copies. */
public final class ImageUsageCheck {

    static final String PIPELINE = "pipeline";

    private final ImageUsage usage;

    public ImageUsageCheck(ImageUsage usage) {
        this.usage = usage;
    }

    /** @throws ImageInUseException instances use the image and the plan is not forced */
    public ImageUsageReport check(String executionArn, DecommissionPlan plan) {
        String session = CrossAccountRole.sessionName(executionArn);
        List<ImageUsageReport.InstanceInUse> found = new ArrayList<>();
        List<DecommissionPlan.ChildTarget> places = plan.places();
        for (DecommissionPlan.ChildTarget place : places) {
            String account = place.accountId() == null ? PIPELINE : place.accountId();
            usage.instancesUsing(place.accountId(), place.region(), place.imageId(), session)
                    .forEach(id -> found.add(new ImageUsageReport.InstanceInUse(account, place.region(), id)));
        }
        ImageUsageReport report = ImageUsageReport.of(plan.imageId(), places.size(), found, plan.force());
        if (report.inUse() && !plan.force()) {
            throw new ImageInUseException(report.describe());
        }
        return report;
    }
}
