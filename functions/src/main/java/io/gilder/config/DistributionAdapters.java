package io.gilder.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.aws.Ec2RegionCatalog;
import io.gilder.aws.Ec2RegionalImages;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.SsmGoldenRegistries;
import io.gilder.domain.DistributionManifest;
import io.gilder.domain.DistributionRecorder;
import io.gilder.domain.DistributionValidator;
import io.gilder.domain.ImageDistribution;
import io.gilder.port.EvidenceStore;
import io.gilder.port.GoldenRegistries;
import io.gilder.port.ParameterRegistry;
import io.gilder.port.RegionCatalog;
import io.gilder.port.RegionalImages;
import io.gilder.scanner.EvidenceJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Builds the distribution workflow's adapters (regional EC2 and SSM, child accounts, manifest) and services. */
@ApplicationScoped
public class DistributionAdapters {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Produces
    @Singleton
    RegionalAwsClients regionalAwsClients(GilderConfig config) {
        return new RegionalAwsClients(UrlConnectionHttpClient.builder().build(),
                AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create()),
                config.aws().endpointOverride(), config.aws().region());
    }

    void close(@Disposes RegionalAwsClients clients) {
        clients.close();
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
    GoldenRegistries goldenRegistries(RegionalAwsClients clients, DistributionConfig distribution) {
        return new SsmGoldenRegistries(clients, distribution.crossAccountRoleName(), distribution.crossAccountExternalId(),
                Clock.systemUTC(), ImageAdapters.REGISTRY_LEASE);
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
    DistributionRecorder distributionRecorder(EvidenceStore evidence) {
        return new DistributionRecorder(evidence, new DistributionRecorder.Codec() {
            @Override
            public byte[] write(DistributionManifest manifest) {
                return EvidenceJson.write(manifest);
            }

            @Override
            public DistributionManifest read(byte[] body) {
                return EvidenceJson.read(body, DistributionManifest.class, "the distribution manifest");
            }
        }, Clock.systemUTC());
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
