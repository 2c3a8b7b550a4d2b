package io.gilder.start;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The start room's services, made from their ports. */
@ApplicationScoped
public class StartBeans {

    @Produces
    @ApplicationScoped
    BuildVersionClaims buildVersionClaims(VersionClaims claims, RunningBuilds running) {
        return new BuildVersionClaims(claims, running);
    }

    @Produces
    @ApplicationScoped
    BuildStarts buildStarts(StartedBuilds starters, BuildLauncher launcher) {
        return new BuildStarts(starters, launcher, Clock.systemUTC());
    }
}
