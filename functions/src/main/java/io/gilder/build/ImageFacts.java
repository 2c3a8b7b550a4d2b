package io.gilder.build;

/**
 * What Gilder needs to know about an AMI.
 *
 * @param state          EC2 image state, e.g. {@code available}, {@code pending}
 * @param rootDeviceType {@code ebs} or {@code instance-store}
 * @param platform       {@code windows} for Windows images, {@code null} otherwise (as EC2 reports it)
 * @param ownerId        the AWS account that owns the image
 * @param ownerAlias     {@code amazon} for Amazon's own images, {@code aws-marketplace}, or null (as EC2 reports it)
 * @param creationDate   when the image was created, as EC2 reports it (ISO 8601), or null
 */
public record ImageFacts(
        String imageId,
        String name,
        String state,
        String rootDeviceType,
        String platform,
        String architecture,
        String rootDeviceName,
        String ownerId,
        String ownerAlias,
        String creationDate) {

    /** Facts without owner or creation date (tests of the other rules). */
    public ImageFacts(String imageId, String name, String state, String rootDeviceType, String platform, String architecture,
            String rootDeviceName) {
        this(imageId, name, state, rootDeviceType, platform, architecture, rootDeviceName, null, null, null);
    }

    /** e.g. {@code 137112412989 (amazon)}. */
    public String owner() {
        return ownerId + (ownerAlias == null || ownerAlias.isBlank() ? "" : " (" + ownerAlias + ")");
    }
}
