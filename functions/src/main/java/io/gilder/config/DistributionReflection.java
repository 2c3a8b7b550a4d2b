package io.gilder.config;

import io.gilder.domain.AccountPublication;
import io.gilder.domain.AccountTargets;
import io.gilder.domain.DistributionImage;
import io.gilder.domain.DistributionManifest;
import io.gilder.domain.DistributionSettings;
import io.gilder.domain.DistributionTarget;
import io.gilder.domain.ImageCheck;
import io.gilder.domain.ImageShare;
import io.gilder.domain.RegionCopy;
import io.gilder.domain.RegionTargets;
import io.gilder.domain.ValidatedDistribution;
import io.gilder.handler.CheckImageCopyHandler;
import io.gilder.handler.CopyImageToRegionHandler;
import io.gilder.handler.PublishToAccountHandler;
import io.gilder.handler.RecordDistributionHandler;
import io.gilder.handler.RecordDistributionPlanHandler;
import io.gilder.handler.ShareImageHandler;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of the distribution handlers, and the manifest Jackson stores, for native images. */
@RegisterForReflection(targets = {ValidatedDistribution.class, DistributionImage.class, RegionTargets.class,
        DistributionTarget.class, DistributionSettings.class,
        CopyImageToRegionHandler.Input.class, RegionCopy.class, CheckImageCopyHandler.Input.class, ImageCheck.class,
        ShareImageHandler.Input.class, ImageShare.class, PublishToAccountHandler.Input.class, AccountPublication.class,
        RecordDistributionHandler.Input.class, RecordDistributionHandler.Target.class, RecordDistributionHandler.Output.class,
        RecordDistributionHandler.Region.class, RecordDistributionHandler.Published.class, RecordDistributionHandler.Account.class, RecordDistributionHandler.Catalog.class,
        RecordDistributionPlanHandler.Input.class, RecordDistributionPlanHandler.Output.class, AccountTargets.class,
        DistributionManifest.class, DistributionManifest.Copy.class,
        DistributionManifest.Decommissioned.class})
public final class DistributionReflection {

    private DistributionReflection() {}
}
