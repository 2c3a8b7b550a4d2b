package io.gilder.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.aws.ChildAccountClients;
import io.gilder.aws.Ec2RegionCatalog;
import io.gilder.aws.Ec2RegionalImages;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.S3DistributionManifests;
import io.gilder.aws.SsmGoldenRegistries;
import io.gilder.distribution.DistributionRecorder;
import io.gilder.distribution.DistributionValidator;
import io.gilder.distribution.ImageDistribution;
import io.gilder.distribution.RegionCatalog;
import io.gilder.registry.DistributionManifests;
import io.gilder.registry.EvidenceStore;
import io.gilder.registry.GoldenRegistries;
import io.gilder.registry.ParameterRegistry;
import io.gilder.registry.RegionalImages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;

/**
 * Builds the distribution workflow's adapters (regional EC2 and SSM, child accounts, manifests) and services,
 * and the SDK clients that {@code AwsClients} does not make: every region's EC2/SSM, the home region's STS and
 * Service Catalog (all through {@link RegionalAwsClients}, one configuration). The decommission workflow
 * ({@link CatalogAdapters}) uses the same beans.
 */
@ApplicationScoped
public class DistributionAdapters {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The home region's Service Catalog client, configured like the others by {@link RegionalAwsClients}. */
    @Produces
    @Singleton
    ServiceCatalogClient serviceCatalogClient(RegionalAwsClients clients) {
        return clients.homeRegionClient(ServiceCatalogClient.builder());
    }

    void close(@Disposes ServiceCatalogClient client) {
        client.close();
    }

    /** Every account's EC2 and SSM clients; child accounts through the one cross-account role setting. */
    @Produces
    @ApplicationScoped
    ChildAccountClients childAccountClients(RegionalAwsClients clients, DistributionConfig distribution) {
        return new ChildAccountClients(clients, distribution.crossAccountRoleName(), distribution.crossAccountExternalId());
    }

    @Produces
    @ApplicationScoped
    DistributionManifests distributionManifests(EvidenceStore evidence, GilderConfig config) {
        return new S3DistributionManifests(evidence, config.storage().evidenceBucket().orElse("(evidence bucket unset)"));
    }

    @Produces
    @ApplicationScoped
    RegionCatalog regionCatalog(Ec2Client ec2) {
        return new Ec2RegionCatalog(ec2);
    }

    @Produces
    @ApplicationScoped
    RegionalImages regionalImages(RegionalAwsClients clients) {
        return new Ec2RegionalImages(clients::ec2);
    }

    @Produces
    @ApplicationScoped
    GoldenRegistries goldenRegistries(ChildAccountClients accounts, GilderConfig config) {
        return new SsmGoldenRegistries(accounts, Clock.systemUTC(), config.registry().lease());
    }

    @Produces
    @ApplicationScoped
    DistributionValidator distributionValidator(RegionCatalog regions, ParameterRegistry parameters, RegionalImages images,
            GilderConfig config) {
        return new DistributionValidator(regions, parameters, images, config.aws().region(), config.defaults().pollSeconds(),
                DistributionAdapters::decodeJson);
    }

    @Produces
    @ApplicationScoped
    ImageDistribution imageDistribution(RegionalImages images, GoldenRegistries registries, DistributionConfig distribution) {
        return new ImageDistribution(images, registries, distribution.copyAvailableAttempts());
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
