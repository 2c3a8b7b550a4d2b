package io.gilder.aws;

import io.gilder.catalog.ProductCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.servicecatalog.model.ProductType;
import software.amazon.awssdk.services.servicecatalog.model.ProvisioningArtifactProperties;
import software.amazon.awssdk.services.servicecatalog.model.ProvisioningArtifactType;
import software.amazon.awssdk.services.servicecatalog.model.ResourceNotFoundException;

/**
 * {@link ProductCatalog} with the Service Catalog administrator API. A product is found by its exact
 * name with {@code DescribeProductAsAdmin}; a missing product or version ({@code ResourceNotFoundException})
 * is an answer, not a failure, which makes every removal safe to repeat.
 */
@ApplicationScoped
public class ServiceCatalogProducts implements ProductCatalog {

    /** Service Catalog's key for a template's location in a version's {@code Info}. */
    static final String TEMPLATE_URL = "LoadTemplateFromURL";

    private final ServiceCatalogClient catalog;

    @Inject
    public ServiceCatalogProducts(ServiceCatalogClient catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<String> findProduct(String name) {
        return orAbsent("servicecatalog:DescribeProductAsAdmin", () -> Optional.of(
                catalog.describeProductAsAdmin(r -> r.name(name)).productViewDetail().productViewSummary().productId()));
    }

    @Override
    public CreatedProduct createProduct(String name, String owner, String artifactName, String templateUrl, String idempotencyToken) {
        var response = AwsCall.run("servicecatalog:CreateProduct", () -> catalog.createProduct(r -> r.name(name).owner(owner)
                .productType(ProductType.CLOUD_FORMATION_TEMPLATE)
                .description("Golden AMI " + name + ", published by Gilder")
                .provisioningArtifactParameters(artifact(artifactName, templateUrl))
                .idempotencyToken(idempotencyToken)));
        return new CreatedProduct(response.productViewDetail().productViewSummary().productId(),
                response.provisioningArtifactDetail().id());
    }

    @Override
    public List<Artifact> artifacts(String productId) {
        return orAbsent("servicecatalog:ListProvisioningArtifacts", () -> Optional.of(
                catalog.listProvisioningArtifacts(r -> r.productId(productId)).provisioningArtifactDetails().stream()
                        .map(a -> new Artifact(a.id(), a.name())).toList())).orElse(List.of());
    }

    @Override
    public String addArtifact(String productId, String artifactName, String templateUrl, String idempotencyToken) {
        return AwsCall.run("servicecatalog:CreateProvisioningArtifact", () -> catalog.createProvisioningArtifact(r -> r
                .productId(productId).parameters(artifact(artifactName, templateUrl)).idempotencyToken(idempotencyToken)))
                .provisioningArtifactDetail().id();
    }

    @Override
    public boolean deleteArtifact(String productId, String artifactId) {
        return orAbsent("servicecatalog:DeleteProvisioningArtifact", () -> Optional.of(
                catalog.deleteProvisioningArtifact(r -> r.productId(productId).provisioningArtifactId(artifactId)))).isPresent();
    }

    @Override
    public List<String> portfolios(String productId) {
        List<String> ids = new ArrayList<>();
        String[] page = {null};
        do {
            var response = orAbsent("servicecatalog:ListPortfoliosForProduct", () -> Optional.of(
                    catalog.listPortfoliosForProduct(r -> r.productId(productId).pageToken(page[0]))));
            if (response.isEmpty()) {
                return List.of();
            }
            response.get().portfolioDetails().forEach(p -> ids.add(p.id()));
            page[0] = response.get().nextPageToken();
        } while (page[0] != null && !page[0].isEmpty());
        return List.copyOf(ids);
    }

    @Override
    public void associate(String productId, String portfolioId) {
        AwsCall.run("servicecatalog:AssociateProductWithPortfolio",
                () -> catalog.associateProductWithPortfolio(r -> r.productId(productId).portfolioId(portfolioId)));
    }

    @Override
    public void disassociate(String productId, String portfolioId) {
        orAbsent("servicecatalog:DisassociateProductFromPortfolio", () -> Optional.of(
                catalog.disassociateProductFromPortfolio(r -> r.productId(productId).portfolioId(portfolioId))));
    }

    @Override
    public boolean deleteProduct(String productId) {
        return orAbsent("servicecatalog:DeleteProduct", () -> Optional.of(catalog.deleteProduct(r -> r.id(productId)))).isPresent();
    }

    private static ProvisioningArtifactProperties artifact(String name, String templateUrl) {
        return ProvisioningArtifactProperties.builder().name(name).description("Golden AMI build " + name)
                .type(ProvisioningArtifactType.CLOUD_FORMATION_TEMPLATE).info(Map.of(TEMPLATE_URL, templateUrl)).build();
    }

    /** Runs {@code call}; a missing product or version gives empty. */
    private static <T> Optional<T> orAbsent(String operation, Supplier<Optional<T>> call) {
        return AwsCall.run(operation, () -> {
            try {
                return call.get();
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
