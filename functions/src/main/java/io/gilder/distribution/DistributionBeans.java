package io.gilder.distribution;

import io.gilder.encryption.EncryptionKeys;
import io.gilder.encryption.EncryptionPolicy;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.config.DistributionConfig;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;

/** The distribution workflow's services, made from settings. */
@ApplicationScoped
public class DistributionBeans {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Produces
    @ApplicationScoped
    DistributionValidator distributionValidator(RegionCatalog regions, ParameterRegistry parameters, RegionalImages images,
            GilderConfig config, DistributionConfig distribution, OrganizationMembers members, EncryptionPolicy encryption,
            EncryptionKeys keys) {
        return new DistributionValidator(regions, parameters, images, config.aws().region(), config.defaults().pollSeconds(),
                DistributionBeans::decodeJson, AccountScope.of(distribution.accountScope(), distribution.allowedAccounts().orElse(List.of())),
                members, encryption, keys);
    }

    @Produces
    @ApplicationScoped
    ImageDistribution imageDistribution(RegionalImages images, GoldenRegistries registries, DistributionConfig distribution,
            EncryptionPolicy encryption, EncryptionKeys keys) {
        return new ImageDistribution(images, registries, distribution.copyAvailableAttempts(), encryption, keys);
    }

    @Produces
    @ApplicationScoped
    DistributionRecorder distributionRecorder(DistributionManifests manifests) {
        return new DistributionRecorder(manifests, Clock.systemUTC());
    }

    /** The legacy string form of MetadataJSON, decoded; IllegalArgumentException names what is wrong. */
    static Object decodeJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
