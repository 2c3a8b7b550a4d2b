package io.gilder.config;

import io.gilder.domain.BuildDefaults;
import io.gilder.domain.BuildRequestValidator;
import io.gilder.port.ImageCatalog;
import io.gilder.port.InstanceTypeCatalog;
import io.gilder.port.ParameterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the pure domain services from configuration and the AWS-backed ports. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @ApplicationScoped
    BuildRequestValidator buildRequestValidator(GilderConfig config, ImageCatalog images,
            InstanceTypeCatalog instanceTypes, ParameterRegistry parameters) {
        return new BuildRequestValidator(new BuildDefaults(config.defaults().instanceType()), images, instanceTypes,
                parameters);
    }
}
