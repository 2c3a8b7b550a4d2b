package io.gilder.scan;

import io.gilder.build.BuildRequest;
import io.gilder.registry.GilderTags;
import io.gilder.registry.InstanceRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the shared scan sub-flow scans ({@code $.subject}): an image, booted for a role, with what the
 * instance's tags and the evidence path need. Builds make one from their request and candidate; rescans
 * from an active golden image.
 *
 * @param imageId      AMI to boot
 * @param role         {@link InstanceRole#TEST} for a build's candidate, {@link InstanceRole#RESCAN} for a golden image
 * @param os           e.g. {@code AmazonLinux-2023}
 * @param product      e.g. {@code WebServer-1.2}
 * @param version      the build version, e.g. {@code 7}
 * @param instanceType EC2 instance type
 * @param scanner      {@code qualys}, {@code tenable}, {@code inspector} or {@code none}
 * @param tags         tags Gilder adds for this kind of scan (e.g. {@code continuous-assessment-instance}); they
 *                     win over {@code imageTags}, lose to the launch's own keys
 * @param imageTags    the image's tags, copied onto the instance where room is left (empty for builds)
 */
public record ScanSubject(String imageId, InstanceRole role, String os, String product, String version, String instanceType,
        String scanner, Map<String, String> tags, Map<String, String> imageTags) {

    /** Tag marking an instance that re-scans a golden image; the old samples' key, kept for their users' tooling. */
    public static final String CONTINUOUS_ASSESSMENT = "continuous-assessment-instance";
    /** Tag naming the rescan run (the parent execution) an instance belongs to, for the run's own sweep. */
    public static final String RESCAN_RUN = "gilder:rescan-run";
    /** Identity of an image no version parameter holds and whose tags do not say. */
    public static final String UNREGISTERED = "unregistered";

    /** A missing identity (an unregistered image without identity tags) becomes {@link #UNREGISTERED}. */
    public ScanSubject {
        os = identity(os, null);
        product = identity(product, null);
        version = identity(version, null);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
        imageTags = Map.copyOf(imageTags == null ? Map.of() : imageTags);
    }

    /** The subject of a build: its candidate image on a test instance. */
    public static ScanSubject forBuild(BuildRequest request, String imageId) {
        return new ScanSubject(imageId, InstanceRole.TEST, request.os().id(), request.product().id(), request.buildVersion(),
                request.instanceType(), request.scanner(), Map.of(), Map.of());
    }

    /**
     * The subject of a rescan of {@code target}, part of the run {@code runArn}. An unregistered target takes
     * its identity from the image's {@code OS}, {@code Product} and {@code Version} tags, else
     * {@link #UNREGISTERED}.
     */
    public static ScanSubject forRescan(RescanTarget target, Map<String, String> imageTags, String instanceType, String scanner,
            String runArn) {
        Map<String, String> image = imageTags == null ? Map.of() : imageTags;
        Map<String, String> own = new LinkedHashMap<>();
        own.put(CONTINUOUS_ASSESSMENT, "true");
        own.put(RESCAN_RUN, runArn);
        return new ScanSubject(target.imageId(), InstanceRole.RESCAN,
                identity(target.os(), image.get(GilderTags.OS)), identity(target.product(), image.get(GilderTags.PRODUCT)),
                identity(target.version(), image.get(GilderTags.VERSION)), instanceType, scanner, own, image);
    }

    private static String identity(String registered, String tagged) {
        if (registered != null && !registered.isBlank()) {
            return registered;
        }
        return tagged == null || tagged.isBlank() ? UNREGISTERED : tagged;
    }

    /**
     * The image tags an instance may carry: without {@code aws:} keys (EC2 refuses them), {@code Name} and
     * Gilder's {@code gilder:} keys (the launch sets its own), in key order.
     */
    public Map<String, String> copyableImageTags() {
        Map<String, String> out = new TreeMap<>();
        imageTags.forEach((k, v) -> {
            String key = k.toLowerCase(java.util.Locale.ROOT);
            if (!key.startsWith("aws:") && !key.startsWith("gilder:") && !k.equals(GilderTags.NAME)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
