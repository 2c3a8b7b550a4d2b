package io.gilder.config;

import io.gilder.domain.CatalogRemoval;
import io.gilder.domain.CatalogVersion;
import io.gilder.domain.DecommissionPlan;
import io.gilder.domain.ImageRemoval;
import io.gilder.domain.ImageUsageReport;
import io.gilder.domain.PipelineRemoval;
import io.gilder.handler.CheckImageUsageHandler;
import io.gilder.handler.PublishServiceCatalogVersionHandler;
import io.gilder.handler.RemoveChildRegistrationHandler;
import io.gilder.handler.RemovePipelineRecordsHandler;
import io.gilder.handler.RemoveRegionalCopyHandler;
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
