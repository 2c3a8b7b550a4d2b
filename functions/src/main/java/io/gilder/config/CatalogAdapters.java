package io.gilder.config;

import io.gilder.aws.ChildAccountClients;
import io.gilder.aws.Ec2ImageUsage;
import io.gilder.aws.Ec2RegionalImages;
import io.gilder.aws.S3DistributionManifests;
import io.gilder.aws.S3TemplateStore;
import io.gilder.aws.ServiceCatalogProducts;
import io.gilder.aws.SsmAccountRegistries;
import io.gilder.domain.CatalogPublisher;
import io.gilder.domain.CatalogRetirement;
import io.gilder.domain.DecommissionPlanner;
import io.gilder.domain.ImageDecommission;
import io.gilder.domain.ImageUsageCheck;
import io.gilder.port.AccountRegistries;
import io.gilder.port.DistributionManifests;
import io.gilder.port.EvidenceStore;
import io.gilder.port.ImageUsage;
import io.gilder.port.ParameterRegistry;
import io.gilder.port.ProductCatalog;
import io.gilder.port.RegionalImages;
import io.gilder.port.TemplateStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;

/**
 * Builds the Service Catalog and decommission adapters and services. The Service Catalog client is made
 * here, like {@code AwsClients} makes the others (same region, credentials, endpoint override and retries).
 */
@ApplicationScoped
public class CatalogAdapters {

    private static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create());
    }

    @Produces
    @Singleton
    ServiceCatalogClient serviceCatalogClient(GilderConfig config) {
        var builder = ServiceCatalogClient.builder().region(Region.of(config.aws().region()))
                .credentialsProvider(lambdaCredentials()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        config.aws().endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes ServiceCatalogClient client) {
        client.close();
    }

    @Produces
    @Singleton
    ChildAccountClients childAccountClients(GilderConfig config, CatalogConfig catalog) {
        return new ChildAccountClients(config.aws().endpointOverride().orElse(null), config.aws().region(), lambdaCredentials(),
                catalog.childAccounts().roleName(), catalog.childAccounts().externalId().orElse(null));
    }

    void close(@Disposes ChildAccountClients clients) {
        clients.close();
    }

    @Produces
    @ApplicationScoped
    ProductCatalog productCatalog(ServiceCatalogClient client) {
        return new ServiceCatalogProducts(client);
    }

    @Produces
    @ApplicationScoped
    TemplateStore templateStore(S3Client s3, GilderConfig config, CatalogConfig catalog) {
        return new S3TemplateStore(s3, catalog.templateBucket().or(() -> config.storage().evidenceBucket()).orElse(null));
    }

    @Produces
    @ApplicationScoped
    DistributionManifests distributionManifests(EvidenceStore evidence, GilderConfig config) {
        return new S3DistributionManifests(evidence, config.storage().evidenceBucket().orElse("(evidence bucket unset)"));
    }

    @Produces
    @ApplicationScoped
    ImageUsage imageUsage(ChildAccountClients clients) {
        return new Ec2ImageUsage(clients);
    }

    @Produces
    @ApplicationScoped
    RegionalImages regionalImages(ChildAccountClients clients) {
        return new Ec2RegionalImages(clients);
    }

    @Produces
    @ApplicationScoped
    AccountRegistries accountRegistries(ChildAccountClients clients) {
        return new SsmAccountRegistries(clients, Clock.systemUTC(), ImageAdapters.REGISTRY_LEASE);
    }

    @Produces
    @ApplicationScoped
    CatalogPublisher catalogPublisher(TemplateStore templates, ProductCatalog catalog, CatalogConfig config) {
        return new CatalogPublisher(templates, catalog, config.templateKey(), config.productOwner(), config.portfolioId());
    }

    @Produces
    @ApplicationScoped
    CatalogRetirement catalogRetirement(ProductCatalog catalog, CatalogConfig config) {
        return new CatalogRetirement(catalog, config.allowDisassociate());
    }

    @Produces
    @ApplicationScoped
    DecommissionPlanner decommissionPlanner(DistributionManifests manifests, ParameterRegistry parameters,
            CatalogRetirement retirement, GilderConfig config) {
        return new DecommissionPlanner(manifests, parameters, retirement, config.aws().region());
    }

    @Produces
    @ApplicationScoped
    ImageUsageCheck imageUsageCheck(ImageUsage usage) {
        return new ImageUsageCheck(usage);
    }

    @Produces
    @ApplicationScoped
    ImageDecommission imageDecommission(AccountRegistries registries, RegionalImages images, TemplateStore templates,
            DistributionManifests manifests) {
        return new ImageDecommission(registries, images, templates, manifests, Clock.systemUTC());
    }
}
