package io.gilder.config;

import io.gilder.build.ImageCheck;
import io.gilder.distribution.AccountPublication;
import io.gilder.distribution.AccountTargets;
import io.gilder.distribution.CheckImageCopyHandler;
import io.gilder.distribution.CopyImageToRegionHandler;
import io.gilder.distribution.DistributionSettings;
import io.gilder.distribution.ImageShare;
import io.gilder.distribution.PublishToAccountHandler;
import io.gilder.distribution.RecordDistributionHandler;
import io.gilder.distribution.RecordDistributionPlanHandler;
import io.gilder.distribution.RegionTargets;
import io.gilder.distribution.ShareImageHandler;
import io.gilder.distribution.ValidatedDistribution;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.RegionCopy;
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
