package io.gilder.instance;

import io.gilder.build.CommandRunner;
import io.gilder.scan.SubjectInput;
import io.gilder.config.GilderConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The instance workflow's checks, made from settings, and its Lambda boundary types for native images (see {@code BuildBeans}). */
@ApplicationScoped
@RegisterForReflection(targets = {LaunchInstanceHandler.Input.class, LaunchedInstance.class,
        CheckInstanceHandler.Input.class, InstanceCheck.class, InstanceRef.class, SubjectInput.class})
public class InstanceBeans {

    @Produces
    @Singleton
    InstanceChecks instanceChecks(InstanceFleet fleet, CommandRunner commands, GilderConfig config) {
        return new InstanceChecks(fleet, commands, config.waits().instanceManagedAttempts(), config.waits().instanceStateAttempts());
    }
}
