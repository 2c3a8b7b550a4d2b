package io.gilder.build;

import java.util.Optional;

/** Whether an AMI can be the base of a golden image: Gilder builds EBS-backed Linux images only. */
public final class SourceImageRules {

    private SourceImageRules() {}

    /** @return why {@code image} cannot be used, or empty when it can */
    public static Optional<String> whyIneligible(ImageFacts image) {
        if (!"ebs".equals(image.rootDeviceType())) {
            return Optional.of("is " + image.rootDeviceType() + "-backed; only EBS-backed images can be captured");
        }
        if (!"available".equals(image.state())) {
            return Optional.of("is in state '" + image.state() + "'; it must be 'available'");
        }
        if ("windows".equalsIgnoreCase(image.platform())) {
            return Optional.of("is a Windows image; Gilder builds Linux images (dnf/yum or apt based)");
        }
        return Optional.empty();
    }

    /** An owner entry that means Amazon's own images ({@code ImageOwnerAlias} {@code amazon}). */
    public static final String AMAZON = "amazon";
    /** An owner entry that means the pipeline account. */
    public static final String SELF = "self";

    /**
     * Whether {@code image} comes from an owner the stack trusts ({@code TrustedImageOwners}): {@value #AMAZON}
     * (Amazon's own images, never Marketplace or community ones), {@value #SELF} (the pipeline account) or an
     * account id.
     *
     * @param pipelineAccount the pipeline account's id, or null when unknown (then {@value #SELF} matches nothing)
     * @return why {@code image} is not trusted, or empty when it is
     */
    public static Optional<String> whyUntrusted(ImageFacts image, java.util.List<String> trustedOwners, String pipelineAccount) {
        for (String owner : trustedOwners) {
            String o = owner.trim();
            boolean trusted = switch (o) {
                case AMAZON -> AMAZON.equals(image.ownerAlias());
                case SELF -> pipelineAccount != null && pipelineAccount.equals(image.ownerId());
                default -> o.equals(image.ownerId());
            };
            if (trusted) {
                return Optional.empty();
            }
        }
        return Optional.of("is owned by " + image.owner() + ", which is not among the stack's TrustedImageOwners ("
                + String.join(", ", trustedOwners) + "): golden images are built only from images of owners the platform team trusts");
    }
}
