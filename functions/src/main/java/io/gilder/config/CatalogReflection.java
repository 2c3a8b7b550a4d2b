package io.gilder.config;

import io.gilder.catalog.PublishServiceCatalogVersionHandler;
import io.gilder.decommission.CatalogRemoval;
import io.gilder.decommission.CheckImageUsageHandler;
import io.gilder.decommission.DecommissionPlan;
import io.gilder.decommission.ImageRemoval;
import io.gilder.decommission.ImageUsageReport;
import io.gilder.decommission.PipelineRemoval;
import io.gilder.decommission.RemoveChildRegistrationHandler;
import io.gilder.decommission.RemovePipelineRecordsHandler;
import io.gilder.decommission.RemoveRegionalCopyHandler;
import io.gilder.registry.CatalogVersion;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of Service Catalog publishing and decommissioning, for native images (see {@link NativeReflection}). */
@RegisterForReflection(targets = {PublishServiceCatalogVersionHandler.Input.class, CatalogVersion.class,
        DecommissionPlan.class, DecommissionPlan.RegionalCopy.class, DecommissionPlan.ChildTarget.class,
        DecommissionPlan.CatalogEntry.class, CheckImageUsageHandler.Input.class, ImageUsageReport.class, CatalogRemoval.class,
        RemoveChildRegistrationHandler.Input.class, RemoveRegionalCopyHandler.Input.class, ImageRemoval.class,
        RemovePipelineRecordsHandler.Input.class, PipelineRemoval.class})
public final class CatalogReflection {

    private CatalogReflection() {}
}
