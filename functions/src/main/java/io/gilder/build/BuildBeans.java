package io.gilder.build;

import io.gilder.build.cleanup.CandidateDiscard;
import io.gilder.build.cleanup.EndedExecutionSweep;
import io.gilder.build.cleanup.UncaughtBuildEnding;
import io.gilder.start.VersionClaims;
import io.gilder.build.cleanup.PendingApprovals;
import io.gilder.build.cleanup.ExecutionResources;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.Notifier;
import io.gilder.registry.ParameterRegistry;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The build workflow's services, made from settings and ports (the adapters are CDI beans of {@code io.gilder.aws}).
 * Native images: the handlers' input and output types are registered for reflection by Quarkus' Lambda extension;
 * a type Jackson binds elsewhere is registered with {@code @RegisterForReflection} on its workflow's Beans class, as
 * ReflectionRegistrationTest demands.
 */
@ApplicationScoped
public class BuildBeans {

    @Produces
    @ApplicationScoped
    BuildRequestValidator buildRequestValidator(GilderConfig config, ImageCatalog images, InstanceTypeCatalog instanceTypes,
            ParameterRegistry parameters, ScannerSetup scanners, io.gilder.encryption.EncryptionPolicy encryption,
            io.gilder.encryption.EncryptionKeys keys, io.gilder.config.DistributionConfig distribution) {
        GilderConfig.Defaults defaults = config.defaults();
        boolean shares = "Organization".equals(distribution.accountScope())
                || !distribution.allowedAccounts().orElse(List.of()).stream().allMatch(String::isBlank);
        return new BuildRequestValidator(new BuildDefaults(defaults.instanceType(), defaults.scanner(),
                new ScanPolicy(defaults.maxSeverity(), List.of()), defaults.approvalTimeoutHours(), defaults.pollSeconds(),
                defaults.allowUnscanned(), FindingException.parseAll(defaults.findingExceptions().orElse("")),
                defaults.trustedImageOwners()), images, instanceTypes,
                parameters, scanners, java.time.Clock.systemUTC())
                .withEncryptionCheck(new io.gilder.encryption.BuildEncryptionCheck(encryption, keys, config.aws().region(), shares));
    }

    @Produces
    @ApplicationScoped
    CandidateImages candidateImages(ImageFactory images, GilderConfig config) {
        return new CandidateImages(images, config.waits().imageAvailableAttempts());
    }

    @Produces
    @ApplicationScoped
    GoldenImageRegistrar goldenImageRegistrar(ImageFactory images, GoldenRegistry registry, Notifier notifier) {
        return new GoldenImageRegistrar(images, registry, notifier);
    }

    @Produces
    @ApplicationScoped
    CandidateDiscard candidateDiscard(ExecutionResources resources, ImageFactory images, GoldenRegistry registry, Notifier notifier,
            PendingApprovals approvals) {
        return new CandidateDiscard(resources, images, registry, notifier, approvals);
    }

    @Produces
    @ApplicationScoped
    EndedExecutionSweep endedExecutionSweep(ExecutionResources resources, GoldenRegistry registry, CandidateDiscard discard,
            PendingApprovals approvals) {
        return new EndedExecutionSweep(resources, registry, discard, approvals);
    }

    @Produces
    @ApplicationScoped
    UncaughtBuildEnding uncaughtBuildEnding(GilderConfig config, VersionClaims claims) {
        return new UncaughtBuildEnding(config.approvals().buildStateMachineArn(), claims);
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
