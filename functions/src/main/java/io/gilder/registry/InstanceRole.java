package io.gilder.registry;

import java.util.Locale;
import java.util.Optional;

/** What an instance is for; its lower-case name is the {@link GilderTags#ROLE} tag value. */
public enum InstanceRole {
    /** Runs the build steps and becomes the candidate image. */
    BUILDER,
    /** Boots the candidate image so that it can be scanned. */
    TEST,
    /** Boots a golden image for its periodic re-scan. */
    RESCAN;

    /** The tag value and the name used in state machine inputs, e.g. {@code builder}. */
    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code value} ({@code builder}, {@code test} or {@code rescan}), or empty. */
    public static Optional<InstanceRole> of(String value) {
        for (InstanceRole role : values()) {
            if (role.tagValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
