package io.gilder.start;

import java.util.Optional;

/** Which build execution holds each golden image version (its parameter name) while it is being built. */
public interface VersionClaims {

    /** The execution that claimed {@code version} last, or empty when none did. */
    Optional<String> holder(String version);

    /**
     * Claims {@code version} for {@code executionArn} in one conditional write: when {@code previousHolder} is null, only
     * if nobody holds it; otherwise only if {@code previousHolder} still does.
     *
     * @return false when the condition failed (someone else claimed it meanwhile)
     */
    boolean claim(String version, String executionArn, String previousHolder);

    /**
     * Whether {@code executionArn} took {@code version}'s claim at some point: it still holds it, or a later build took it
     * over (after this one ended). Tells a build that had started from one stopped before it claimed its version.
     */
    boolean everHeldBy(String version, String executionArn);
}
