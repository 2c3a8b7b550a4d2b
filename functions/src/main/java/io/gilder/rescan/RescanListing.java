package io.gilder.rescan;

import java.util.List;
import java.util.Map;

/**
 * What {@code list-active-golden-images} answers: the images to re-scan, what was left out and why.
 *
 * @param images           the active images EC2 still has as {@code available}, in the order of the active list
 * @param inactive         version parameters whose image is not active (retired, revoked, decommissioned)
 * @param missing          active images that cannot be scanned: unknown to EC2, not owned here, or not available
 * @param notScannedCopies regional copies of the listed images, when asked for (the first version scans sources only)
 */
public record RescanListing(List<Item> images, int inactive, List<Missing> missing, List<Copy> notScannedCopies) {

    public RescanListing {
        images = List.copyOf(images);
        missing = List.copyOf(missing);
        notScannedCopies = List.copyOf(notScannedCopies);
    }

    /** Number of images to scan: the Choice "Are There Images To Rescan?" reads it. */
    public int count() {
        return images.size();
    }

    /**
     * One image to re-scan. Identity fields are never null: an unregistered image takes them from its {@code OS},
     * {@code Product} and {@code Version} tags, else {@link ScanSubject#UNREGISTERED}, so evidence paths always exist.
     *
     * @param parameterName the version parameter naming it, {@code null} when {@code unregistered}
     * @param tags          the image's tags
     */
    public record Item(String imageId, String region, String os, String product, String version, String parameterName,
            boolean unregistered, Map<String, String> tags) {

        public Item {
            tags = Map.copyOf(tags == null ? Map.of() : tags);
        }
    }

    /** @param reason e.g. {@code not found among this account's images}, {@code image state is deregistered} */
    public record Missing(String imageId, String reason) {}

    /** A copy of {@code sourceImageId} in {@code region}, listed but not scanned. */
    public record Copy(String imageId, String region, String sourceImageId) {}
}
