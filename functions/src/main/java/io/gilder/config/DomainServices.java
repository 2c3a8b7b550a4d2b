package io.gilder.config;

import io.gilder.domain.BuildDefaults;
import io.gilder.domain.BuildRequestValidator;
import io.gilder.domain.ScanPolicy;
import io.gilder.port.ImageCatalog;
import io.gilder.port.InstanceTypeCatalog;
import io.gilder.port.ParameterRegistry;
import io.gilder.scanner.Scanners;
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
