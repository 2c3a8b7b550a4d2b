package io.gilder.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * EC2 AMI deprecation of the pipeline account's own images ({@code EnableImageDeprecation}), in any region. A deprecated
 * image still launches by id; it disappears from listings that do not ask for deprecated images. Every method throws
 * {@link io.gilder.error.GilderException} when the call fails.
 */
public interface ImageDeprecation {

    /** An image of the account and when it is (or will be) deprecated ({@code null}: it is not). */
    record State(String imageId, Instant deprecationTime) {}

    /** @return the image's deprecation state, or empty when the account has no such image in {@code region} (any more) */
    Optional<State> state(String region, String imageId);

    /**
     * Deprecates {@code imageId} at {@code at}, which must lie in the future on whole minutes (EC2 refuses past times and
     * rounds seconds to the nearest minute). Replaces an earlier deprecation time.
     */
    void deprecate(String region, String imageId, Instant at);
}
