package io.gilder.revocation;

import io.gilder.decommission.DecommissionPlan;
import java.util.List;

/**
 * What a revocation does, as the state machine carries it ({@code $.plan}). Places are
 * {@link DecommissionPlan.ChildTarget}s: {@code accountId} null is the pipeline account.
 *
 * @param imageId          the version's source image (in {@code sourceRegion})
 * @param requestedImageId the id the request named (the source image or one of its copies)
 * @param mode             {@code report}, {@code deprecate} or {@code revoke}
 * @param images           the source image and every copy (pipeline account): marked, and deprecated unless {@code report}
 * @param listings         every account and region whose {@code /GoldenAMI/latest} may list one of them (pipeline regions
 *                         first, then child accounts): withdrawn from in {@code revoke} mode
 * @param manifestKey      the version's distribution manifest (may not exist)
 * @param rescanRun        the rescan execution that asked for it, or null
 * @param findings         the findings that failed the policy (S3 URI), or null
 */
public record RevocationPlan(String imageId, String requestedImageId, String product, String os, String buildVersion,
        String parameterName, String sourceRegion, String mode, String reason, List<DecommissionPlan.ChildTarget> images,
        List<DecommissionPlan.ChildTarget> listings, String manifestKey, String rescanRun, String findings) {

    public RevocationPlan {
        images = images == null ? List.of() : List.copyOf(images);
        listings = listings == null ? List.of() : List.copyOf(listings);
    }

    public RevocationMode revocationMode() {
        return RevocationMode.of(mode).orElseThrow(() -> new IllegalArgumentException("unknown revocation mode " + mode));
    }
}
