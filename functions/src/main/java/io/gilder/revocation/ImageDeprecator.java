package io.gilder.revocation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Deprecates images as soon as EC2 allows, without ever postponing an earlier deprecation: used by revocation and by
 * retention. EC2's {@code EnableImageDeprecation} refuses a {@code DeprecateAt} in the past and rounds seconds to the nearest
 * minute, so "now" is asked as the next whole minute but one ({@link #earliest}): always in the future, never rounded.
 */
public final class ImageDeprecator {

    private final ImageDeprecation deprecation;
    private final Clock clock;

    public ImageDeprecator(ImageDeprecation deprecation, Clock clock) {
        this.deprecation = deprecation;
        this.clock = clock;
    }

    /** The earliest deprecation time Gilder asks for at {@code now}: between one and two minutes ahead, on a whole minute. */
    public static Instant earliest(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES).plus(2, ChronoUnit.MINUTES);
    }

    /** Deprecates the pipeline account's {@code imageId} in {@code region} now, unless it already is as early; gone is fine. */
    public ImageDeprecated deprecate(String region, String imageId) {
        Optional<ImageDeprecation.State> state = deprecation.state(region, imageId);
        if (state.isEmpty()) {
            return new ImageDeprecated(region, imageId, null, false);
        }
        Instant wanted = earliest(clock.instant());
        Instant current = state.get().deprecationTime();
        if (current != null && !current.isAfter(wanted)) {
            return new ImageDeprecated(region, imageId, current.toString(), false);
        }
        deprecation.deprecate(region, imageId, wanted);
        return new ImageDeprecated(region, imageId, wanted.toString(), true);
    }
}
