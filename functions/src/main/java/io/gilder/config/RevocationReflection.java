package io.gilder.config;

import io.gilder.registry.DistributionManifest;
import io.gilder.rescan.RequestRevocationHandler;
import io.gilder.revocation.DeprecateImageHandler;
import io.gilder.revocation.DeprecateOldVersionsHandler;
import io.gilder.revocation.ImageDeprecated;
import io.gilder.revocation.ListingWithdrawal;
import io.gilder.revocation.MarkRevokedImageHandler;
import io.gilder.revocation.NotifyRevocationHandler;
import io.gilder.revocation.RetentionReport;
import io.gilder.revocation.RevocationMark;
import io.gilder.revocation.RevocationNotice;
import io.gilder.revocation.RevocationPlan;
import io.gilder.revocation.WithdrawGoldenImageHandler;
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
