package io.gilder.config;

import io.gilder.build.BuildDefaults;
import io.gilder.build.BuildRequestValidator;
import io.gilder.build.ImageCatalog;
import io.gilder.build.InstanceTypeCatalog;
import io.gilder.build.ScanPolicy;
import io.gilder.registry.ParameterRegistry;
import io.gilder.scan.Scanners;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the pure domain services from configuration and the AWS-backed ports. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @ApplicationScoped
    BuildRequestValidator buildRequestValidator(GilderConfig config, ImageCatalog images,
            InstanceTypeCatalog instanceTypes, ParameterRegistry parameters, Scanners scanners) {
        return new BuildRequestValidator(new BuildDefaults(config.defaults().instanceType(), config.defaults().scanner(),
                new ScanPolicy(config.defaults().maxSeverity(), config.defaults().ignoredFindingIds().orElse(java.util.List.of())),
                config.defaults().approvalTimeoutHours(), config.defaults().pollSeconds(), config.defaults().allowUnscanned()), images, instanceTypes,
                parameters, scanner -> "none".equals(scanner) ? java.util.Optional.empty() : scanners.named(scanner).missingSettings());
    }
}
