package io.gilder.instance;

import io.gilder.build.CommandRunner;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The instance workflow's checks, made from settings. */
@ApplicationScoped
public class InstanceBeans {

    @Produces
    @Singleton
    InstanceChecks instanceChecks(InstanceFleet fleet, CommandRunner commands, GilderConfig config) {
        return new InstanceChecks(fleet, commands, config.waits().instanceManagedAttempts(), config.waits().instanceStateAttempts());
    }
}
