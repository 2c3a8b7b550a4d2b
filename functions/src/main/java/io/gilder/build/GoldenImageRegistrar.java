package io.gilder.build;

import io.gilder.error.CandidateImageFailedException;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.Notifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an approved candidate into a golden image. Safe to retry: each step is idempotent. The
 * parameter is written first, so a version taken by another image fails the registration before
 * anything is written. A registration that fails later leaves its writes for {@link CandidateDiscard},
 * which removes the image (golden tags or not), its parameter and its entry on the active list.
 */
public final class GoldenImageRegistrar {

    /** Plain Java's logger (rules import no framework); on Lambda its lines reach the function's log group (stderr at least). */
    private static final System.Logger LOG = System.getLogger(GoldenImageRegistrar.class.getName());
    private static final String UNKNOWN = "unknown";
    /** Scan reference of an image registered without a scan. */
    static final String UNSCANNED = "unscanned";

    private final ImageFactory images;
    private final GoldenRegistry registry;
    private final Notifier notifier;

    public GoldenImageRegistrar(ImageFactory images, GoldenRegistry registry, Notifier notifier) {
        this.images = images;
        this.registry = registry;
        this.notifier = notifier;
    }

    /**
     * @param approver      who approved (as the approval page recorded it)
     * @param approvedAt    when, ISO-8601
     * @param scanReference the scanner's reference of the scan the approver saw ({@code null} without a scan)
     * @throws io.gilder.error.VersionAlreadyRegisteredException the version's parameter holds another image
     * @throws io.gilder.error.RegistryBusyException the active list is being changed by someone else: retry
     * @throws CandidateImageFailedException the image no longer exists
     */
    public GoldenRegistration register(String executionArn, String imageId, BuildRequest request, String approver, String approvedAt,
            String scanReference) {
        ImageRecord image = images.describe(imageId).orElseThrow(() -> new CandidateImageFailedException(
                "Approved image " + imageId + " no longer exists and cannot be registered"));
        registry.registerImage(request.parameterName(), imageId);

        List<String> tagged = new ArrayList<>(List.of(imageId));
        tagged.addAll(image.snapshotIds());
        boolean unscanned = BuildRequestParser.NO_SCANNER.equals(request.scanner());
        images.tag(tagged, ImageTags.golden(orUnknown(approver), orUnknown(approvedAt), orUnknown(request.scanner()),
                unscanned ? UNSCANNED : orUnknown(scanReference)));

        List<String> latest = registry.addActive(imageId, executionArn);
        announce(request, imageId, approver, approvedAt, scanReference, unscanned);
        return new GoldenRegistration(imageId, request.parameterName(), latest);
    }

    /**
     * The notice of a registration, best effort: the image is golden already, and a failed publish (SNS down, or the topic's
     * key disabled or not usable by this role) must not fail the registration, whose Catch would discard an approved
     * image. The failure is logged; the "Golden AMI Registered" event and the image's tags still say it.
     */
    private void announce(BuildRequest request, String imageId, String approver, String approvedAt, String scanReference,
            boolean unscanned) {
        try {
            notifier.notify("Golden AMI registered: " + BuildLabel.of(request) + (unscanned ? " (UNSCANNED)" : ""), String.join("\n",
                    "Product: " + request.product().id(),
                    "OS: " + request.os().id(),
                    "Version: " + request.buildVersion(),
                    "AMI: " + imageId,
                    "Parameter: " + request.parameterName(),
                    "Approved by: " + orUnknown(approver) + " at " + orUnknown(approvedAt),
                    unscanned ? "Scan: NOT SCANNED (scanner none, allowed by allowUnscanned or AllowUnscannedImages)"
                            : "Scan: " + request.scanner() + " " + orUnknown(scanReference)));
        } catch (RuntimeException e) { // an AWS refusal, or a notifier not set up: the registration stands either way
            LOG.log(System.Logger.Level.ERROR, "Registered " + imageId + " as " + request.parameterName()
                    + ", but its notice could not be sent: " + e.getMessage(), e);
        }
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
