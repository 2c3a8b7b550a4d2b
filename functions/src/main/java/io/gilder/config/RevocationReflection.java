package io.gilder.config;

import io.gilder.domain.DistributionManifest;
import io.gilder.domain.ImageDeprecated;
import io.gilder.domain.ListingWithdrawal;
import io.gilder.domain.RetentionReport;
import io.gilder.domain.RevocationMark;
import io.gilder.domain.RevocationNotice;
import io.gilder.domain.RevocationPlan;
import io.gilder.handler.DeprecateImageHandler;
import io.gilder.handler.DeprecateOldVersionsHandler;
import io.gilder.handler.MarkRevokedImageHandler;
import io.gilder.handler.NotifyRevocationHandler;
import io.gilder.handler.RequestRevocationHandler;
import io.gilder.handler.WithdrawGoldenImageHandler;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Lambda boundary types of revocation and retention, for native images (see {@link NativeReflection}). */
@RegisterForReflection(targets = {RevocationPlan.class, MarkRevokedImageHandler.Input.class, RevocationMark.class,
        DeprecateImageHandler.Input.class, ImageDeprecated.class, WithdrawGoldenImageHandler.Input.class, ListingWithdrawal.class,
        NotifyRevocationHandler.Input.class, NotifyRevocationHandler.Marked.class, NotifyRevocationHandler.Outcomes.class,
        RevocationNotice.class, RequestRevocationHandler.Output.class, DeprecateOldVersionsHandler.Input.class, RetentionReport.class,
        DistributionManifest.Revocation.class})
public final class RevocationReflection {

    private RevocationReflection() {}
}
