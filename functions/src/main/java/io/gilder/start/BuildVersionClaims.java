package io.gilder.start;

import io.gilder.error.AwsTransientException;
import io.gilder.error.VersionInProgressException;
import java.util.Optional;

/**
 * Two builds of one version never run at once: a build claims its version (the golden image parameter it would write)
 * right after validation, before it creates anything. A claim needs no release: a later build takes it over once the
 * holder's execution is no longer running, however it ended (succeeded, failed, aborted, timed out), and a version that
 * was registered is refused earlier, by validation.
 */
public final class BuildVersionClaims {

    static final int ATTEMPTS = 5;

    private final VersionClaims claims;
    private final RunningBuilds running;

    public BuildVersionClaims(VersionClaims claims, RunningBuilds running) {
        this.claims = claims;
        this.running = running;
    }

    /**
     * Claims {@code version} for {@code executionArn}; a retry by the same execution succeeds again.
     *
     * @throws VersionInProgressException naming the execution that builds it now
     */
    public void claim(String version, String executionArn) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<String> holder = claims.holder(version);
            if (holder.isPresent() && holder.get().equals(executionArn)) {
                return;
            }
            if (holder.isPresent() && running.running(holder.get())) {
                throw new VersionInProgressException(version + " is being built by execution "
                        + holder.get().substring(holder.get().lastIndexOf(':') + 1) + " (" + holder.get() + "); wait for it to end "
                        + "or choose another buildVersion");
            }
            if (claims.claim(version, executionArn, holder.orElse(null))) {
                return;
            }
            // Another build claimed it between the read and the write: read again.
        }
        throw new AwsTransientException("claiming " + version + " raced " + ATTEMPTS + " other builds; try again", null);
    }
}
