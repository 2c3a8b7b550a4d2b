package io.gilder.start;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The start room's service, made from its ports. */
@ApplicationScoped
public class StartBeans {

    @Produces
    @ApplicationScoped
    BuildStarts buildStarts(StartedBuilds starters, BuildLauncher launcher) {
        return new BuildStarts(starters, launcher, Clock.systemUTC());
    }
}
