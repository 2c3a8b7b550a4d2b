package io.gilder.revocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How far a revocation goes. Each mode does what the one before does, and more:
 * {@link #REPORT} marks the image (tags, manifest) and notifies; {@link #DEPRECATE} also deprecates the source image
 * and every regional copy; {@link #REVOKE} also takes them off {@code /GoldenAMI/latest} in every account and region.
 */
public enum RevocationMode {
    REPORT, DEPRECATE, REVOKE;

    /** As the input and the stack parameter spell it: {@code report}, {@code deprecate}, {@code revoke}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RevocationMode> of(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
    }

    public boolean deprecates() {
        return this != REPORT;
    }

    public boolean withdraws() {
        return this == REVOKE;
    }
}
