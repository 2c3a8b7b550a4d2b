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
}
