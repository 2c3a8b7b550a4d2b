package io.gilder.config;

import io.gilder.aws.Ec2InstanceFleet;
import io.gilder.aws.SsmCommandRunner;
import io.gilder.build.BuildSteps;
import io.gilder.build.CommandChecks;
import io.gilder.build.CommandRunner;
import io.gilder.instance.InstanceChecks;
import io.gilder.instance.InstanceFleet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Builds the instance and command ports and the services of the instance handlers from configuration.
 * A missing builder setting is reported when a launch needs it, so the other handlers run without it.
 */
@ApplicationScoped
public class InstanceAdapters {

    @Produces
    @Singleton
    InstanceFleet instanceFleet(Ec2Client ec2, GilderConfig config) {
        GilderConfig.Builder builder = config.builder();
        return new Ec2InstanceFleet(ec2, builder.subnetId().orElse(null), builder.securityGroupId().orElse(null),
                builder.testSecurityGroupId().or(builder::securityGroupId).orElse(null), builder.instanceProfile().orElse(null));
    }

    @Produces
    @Singleton
    CommandRunner commandRunner(SsmClient ssm) {
        return new SsmCommandRunner(ssm);
    }

    @Produces
    @Singleton
    InstanceChecks instanceChecks(InstanceFleet fleet, CommandRunner commands, GilderConfig config) {
        return new InstanceChecks(fleet, commands, config.waits().instanceManagedAttempts(), config.waits().instanceStateAttempts());
    }

    @Produces
    @Singleton
    BuildSteps buildSteps(CommandRunner commands) {
        return new BuildSteps(commands);
    }

    @Produces
    @Singleton
    CommandChecks commandChecks(CommandRunner commands, GilderConfig config) {
        return new CommandChecks(commands, config.waits().commandAttempts());
    }
}
