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
}
