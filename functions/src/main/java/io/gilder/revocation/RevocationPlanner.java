package io.gilder.revocation;

import io.gilder.decommission.DecommissionPlan;
import io.gilder.decommission.DecommissionPlanner;
import io.gilder.decommission.DecommissionRequest;
import io.gilder.decommission.ImageFootprint;
import io.gilder.distribution.DistributionTags;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import io.gilder.registry.GilderTags;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImage;
import io.gilder.registry.RegionalImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * First step of a revocation: checks the request and finds every place of the image, changing nothing. The image must
 * be a registered golden version (its version parameter, or its manifest, names it) or a copy of one the manifest
 * records (or found by its {@code gilder:source-image} tag in a planned region); a copy stands for its whole version:
 * the same content is everywhere, so everything the version's {@link ImageFootprint} lists is revoked.
 */
public final class RevocationPlanner {

    private final RegionalImages images;
    private final ParameterRegistry parameters;
    private final DecommissionPlanner footprints;
    private final String homeRegion;
    private final RevocationMode defaultMode;

    public RevocationPlanner(RegionalImages images, ParameterRegistry parameters, DecommissionPlanner footprints, String homeRegion,
            RevocationMode defaultMode) {
        this.images = images;
        this.parameters = parameters;
        this.footprints = footprints;
        this.homeRegion = homeRegion;
        this.defaultMode = defaultMode;
    }

    /** @throws InvalidRequestException a field is bad, or {@code imageId} is not a golden version or recorded copy */
    public RevocationPlan plan(Object raw) {
        RevocationRequest request = RevocationRequestParser.parse(raw);
        String region = request.region() == null ? homeRegion : request.region();
        RegionalImage image = images.describe(region, request.imageId()).orElseThrow(() -> refused(request, "is not an image of this "
                + "account in " + region + (request.region() == null ? " (for a regional copy, give its region in \"region\")" : "")));
        String product = image.tags().get(GilderTags.PRODUCT);
        String os = image.tags().get(GilderTags.OS);
        String version = image.tags().get(GilderTags.VERSION);
        if (!valid(product) || !valid(os) || version == null || version.isBlank()) {
            throw refused(request, "is not a golden image: it lacks valid " + GilderTags.PRODUCT + ", " + GilderTags.OS + " and "
                    + GilderTags.VERSION + " tags");
        }
        DecommissionRequest version1 = new DecommissionRequest(NamedVersion.parse(product), NamedVersion.parse(os), version, false,
                GoldenParameters.imageParameter(NamedVersion.parse(os), NamedVersion.parse(product), version));
        Optional<ImageFootprint> found = footprints.footprint(version1);
        String source = image.tags().get(DistributionTags.SOURCE_IMAGE);
        ImageFootprint footprint = found.filter(f -> source == null ? isSource(f, region, request.imageId())
                : f.imageId().equals(source) && f.images().contains(new DecommissionPlan.ChildTarget(null, region, request.imageId())))
                .orElseThrow(() -> refused(request, source == null
                        ? "is not a registered golden version: " + version1.parameterName() + " " + parameters.find(version1.parameterName())
                                .map(id -> "names " + id).orElse("does not exist") + " in " + homeRegion
                        : "is not a recorded copy of " + version1.parameterName() + " (no distribution manifest lists it in " + region + ")"));
        List<DecommissionPlan.ChildTarget> listings = new ArrayList<>(footprint.images());
        listings.addAll(footprint.accounts());
        RevocationMode mode = request.mode() == null ? defaultMode : request.mode();
        RevocationRequest.Trigger trigger = request.trigger();
        return new RevocationPlan(footprint.imageId(), request.imageId(), product, os, version, footprint.parameterName(),
                footprint.sourceRegion(), mode.id(), request.reason(), footprint.images(), listings.stream().distinct().toList(),
                version1.manifestKey(), trigger == null ? null : trigger.rescanRun(), trigger == null ? null : trigger.findings());
    }

    private boolean isSource(ImageFootprint footprint, String region, String imageId) {
        return footprint.imageId().equals(imageId) && footprint.sourceRegion().equals(region);
    }

    private static boolean valid(String namedVersion) {
        if (namedVersion == null) {
            return false;
        }
        Matcher m = NamedVersion.FORMAT.matcher(namedVersion);
        return m.matches();
    }

    private static InvalidRequestException refused(RevocationRequest request, String why) {
        return new InvalidRequestException("Invalid revocation request",
                List.of(new FieldProblem("imageId", request.imageId() + " " + why)));
    }
}
