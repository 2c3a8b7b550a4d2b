package io.gilder.distribution;

import io.gilder.build.ImageCheck;
import io.gilder.encryption.EncryptionKeys;
import io.gilder.encryption.EncryptionPolicy;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.DistributionTarget;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionCopy;
import io.gilder.registry.RegionalImages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.config.DistributionConfig;
import io.gilder.config.GilderConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;

/** The distribution workflow's services, made from settings, and its Lambda boundary types for native images (see {@code BuildBeans}). */
@ApplicationScoped
@RegisterForReflection(targets = {ValidatedDistribution.class, DistributionImage.class, RegionTargets.class,
        DistributionTarget.class, DistributionSettings.class,
        CopyImageToRegionHandler.Input.class, RegionCopy.class, CheckImageCopyHandler.Input.class, ImageCheck.class,
        ShareImageHandler.Input.class, ImageShare.class, PublishToAccountHandler.Input.class, AccountPublication.class,
        RecordDistributionHandler.Input.class, RecordDistributionHandler.Target.class, RecordDistributionHandler.Output.class,
        RecordDistributionHandler.Region.class, RecordDistributionHandler.Published.class, RecordDistributionHandler.Account.class,
        RecordDistributionHandler.Catalog.class, RecordDistributionPlanHandler.Input.class, RecordDistributionPlanHandler.Output.class,
        AccountTargets.class, DistributionManifest.class, DistributionManifest.Copy.class, DistributionManifest.Decommissioned.class})
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
