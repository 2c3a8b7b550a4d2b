package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gilder.aws.S3TemplateStore;
import io.gilder.aws.ServiceCatalogProducts;
import io.gilder.catalog.CatalogPublisher;
import io.gilder.catalog.ProductCatalog;
import io.gilder.decommission.CatalogRemoval;
import io.gilder.decommission.CatalogRetirement;
import io.gilder.decommission.DecommissionPlan;
import io.gilder.error.AwsCallFailedException;
import io.gilder.error.ProductStillAssociatedException;
import io.gilder.local.deployer.Bootstrap;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.ServiceCatalogFake;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.servicecatalog.model.InvalidParametersException;
import software.amazon.awssdk.services.servicecatalog.model.ResourceInUseException;
import software.amazon.awssdk.services.servicecatalog.model.ResourceNotFoundException;

/**
 * Publishing golden images to Service Catalog and retiring them, through Gilder's real adapter
 * ({@link ServiceCatalogProducts}), {@link CatalogPublisher} and {@link CatalogRetirement}, with the SDK
 * client pointed at the local endpoint (so fault injection applies) and the template store on the stack's
 * evidence bucket, where the bootstrap put the sample product template.
 *
 * <p>Service Catalog here is the local stack's {@link ServiceCatalogFake}, a stateful fake over real HTTP in
 * the service's JSON protocol, because moto lacks provisioning artifacts, {@code DescribeProductAsAdmin} and
 * portfolio associations. What is asserted is Gilder's use of the API (which calls it makes, with which names,
 * idempotency tokens and template URLs, and what it does with AWS's documented refusals), not Service Catalog itself.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogAdaptersTest {

    static final String OS = "AmazonLinux-2023";
    static final String OWNER = "Gilder catalog tests";
    static final String TEMPLATE_KEY = Bootstrap.PRODUCT_TEMPLATE_KEY;

    private LocalStack aws;
    private ServiceCatalogFake fake;
    private ServiceCatalogClient client;
    private S3Client s3;
    private String bucket;
    private S3TemplateStore templates;
    private ServiceCatalogProducts catalog;
    private final List<String> writtenKeys = new ArrayList<>();

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        fake = aws.serviceCatalog();
        client = aws.client(ServiceCatalogClient.builder());
        s3 = aws.client(S3Client.builder().forcePathStyle(true));
        bucket = aws.deployment().ref("EvidenceBucket");
        templates = new S3TemplateStore(s3, bucket);
        catalog = new ServiceCatalogProducts(client);
    }

    @AfterAll
    void close() {
        writtenKeys.forEach(key -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
        client.close();
        s3.close();
    }

    @Test
    void theFirstVersionCreatesTheProductWithAVersionNamedAfterTheBuildWhoseTemplateNamesTheParameter() throws IOException {
        String product = product();
        DistributionImage v1 = image(product, "1");

        CatalogVersion published = publisher(Optional.empty()).publish(execution(), v1);

        assertThat(fake.productsNamed(product + "-" + OS)).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(published.productId());
            assertThat(p.owner()).isEqualTo(OWNER);
            assertThat(p.type()).isEqualTo("CLOUD_FORMATION_TEMPLATE");
        });
        List<ServiceCatalogFake.Artifact> versions = fake.artifacts(published.productId());
        assertThat(versions).extracting(ServiceCatalogFake.Artifact::id, ServiceCatalogFake.Artifact::name)
                .containsExactly(tuple(published.provisioningArtifactId(), "1"));
        assertThat(published.templateKey()).isEqualTo("templates/" + OS + "/" + product + "/1/product.yaml");
        assertThat(fake.templateUrl(published.provisioningArtifactId())).hasValueSatisfying(url ->
                assertThat(url).endsWith("/" + bucket + "/" + published.templateKey()));
        String stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key(published.templateKey())).asUtf8String();
        String sample = Files.readString(LocalAws.root().resolve(TEMPLATE_KEY));
        assertThat(stored).isEqualTo(sample.replace("AMI_ID_TO_REPLACE", v1.parameterName()))
                .contains("Default: " + v1.parameterName()).doesNotContain("AMI_ID_TO_REPLACE");
        assertThat(versions.get(0).template()).as("what Service Catalog read at the version's URL").isEqualTo(stored);
        assertThat(fake.portfoliosOf(published.productId())).isEmpty();
        assertThat(published.portfolioId()).isNull();
    }

    @Test
    void aLaterVersionAddsAnArtifactAndRepublishingAVersionAddsNothing() {
        String product = product();
        CatalogPublisher publisher = publisher(Optional.empty());
        String firstRun = execution();
        CatalogVersion v1 = publisher.publish(firstRun, image(product, "1"));

        CatalogVersion v2 = publisher.publish(execution(), image(product, "2"));

        assertThat(v2.productId()).isEqualTo(v1.productId());
        assertThat(v2.provisioningArtifactId()).isNotEqualTo(v1.provisioningArtifactId());
        assertThat(fake.artifacts(v1.productId())).extracting(ServiceCatalogFake.Artifact::id, ServiceCatalogFake.Artifact::name)
                .containsExactly(tuple(v1.provisioningArtifactId(), "1"), tuple(v2.provisioningArtifactId(), "2"));
        assertThat(fake.templateUrl(v2.provisioningArtifactId())).hasValueSatisfying(url -> assertThat(url).endsWith(v2.templateKey()));

        int before = aws.faults().calls().size();
        assertThat(publisher.publish(firstRun, image(product, "1"))).as("the same execution again (same token)").isEqualTo(v1);
        assertThat(publisher.publish(execution(), image(product, "1"))).as("another execution (another token)").isEqualTo(v1);

        assertThat(catalogCallsSince(before)).as("a re-run only reads")
                .allMatch(call -> call.startsWith("servicecatalog:Describe") || call.startsWith("servicecatalog:List"));
        assertThat(fake.productsNamed(product + "-" + OS)).hasSize(1);
        assertThat(fake.artifacts(v1.productId())).extracting(ServiceCatalogFake.Artifact::name).containsExactly("1", "2");
    }

    @Test
    void aRetriedCreateCarryingTheSameTokenGetsTheSameProductAndVersionBack() {
        String name = product() + "-" + OS;
        String url = template(name);

        ProductCatalog.CreatedProduct created = catalog.createProduct(name, OWNER, "1", url, "token-1");
        assertThat(catalog.createProduct(name, OWNER, "1", url, "token-1")).isEqualTo(created);
        String second = catalog.addArtifact(created.productId(), "2", url, "token-2");
        assertThat(catalog.addArtifact(created.productId(), "2", url, "token-2")).isEqualTo(second);

        assertThat(fake.productsNamed(name)).hasSize(1);
        assertThat(catalog.findProduct(name)).contains(created.productId());
        assertThat(catalog.artifacts(created.productId())).containsExactly(new ProductCatalog.Artifact(created.artifactId(), "1"),
                new ProductCatalog.Artifact(second, "2"));
    }

    @Test
    void aConfiguredPortfolioGetsNewAndExistingProductsOnce() {
        String portfolio = portfolio();
        String product = product();
        CatalogVersion v1 = publisher(Optional.empty()).publish(execution(), image(product, "1"));
        assertThat(fake.portfoliosOf(v1.productId())).isEmpty();

        CatalogVersion v2 = publisher(Optional.of(portfolio)).publish(execution(), image(product, "2"));
        int before = aws.faults().calls().size();
        CatalogVersion v3 = publisher(Optional.of(portfolio)).publish(execution(), image(product, "3"));

        assertThat(v2.portfolioId()).isEqualTo(portfolio);
        assertThat(v3.portfolioId()).isEqualTo(portfolio);
        assertThat(fake.portfoliosOf(v1.productId())).containsExactly(portfolio);
        assertThat(catalogCallsSince(before)).contains("servicecatalog:ListPortfoliosForProduct")
                .doesNotContain("servicecatalog:AssociateProductWithPortfolio");

        String fresh = product();
        CatalogVersion created = publisher(Optional.of(portfolio)).publish(execution(), image(fresh, "1"));
        assertThat(fake.portfoliosOf(created.productId())).containsExactly(portfolio);
    }

    @Test
    void removingOneVersionLeavesTheProductWithTheOthersAndRemovingItAgainDoesNothing() {
        String portfolio = portfolio();
        String product = product();
        String name = product + "-" + OS;
        CatalogPublisher publisher = publisher(Optional.of(portfolio));
        CatalogVersion v1 = publisher.publish(execution(), image(product, "1"));
        CatalogVersion v2 = publisher.publish(execution(), image(product, "2"));
        CatalogRetirement retirement = new CatalogRetirement(catalog, false);
        DecommissionPlan.CatalogEntry entry = retirement.check(name, retirement.find(name, "1").orElseThrow());
        assertThat(entry.provisioningArtifactId()).isEqualTo(v1.provisioningArtifactId());
        assertThat(entry.portfolioIds()).containsExactly(portfolio);

        CatalogRemoval removal = retirement.retire(name, entry);

        assertThat(removal).isEqualTo(new CatalogRemoval(CatalogRemoval.VERSION, v1.productId(), v1.provisioningArtifactId(), List.of()));
        assertThat(fake.artifacts(v1.productId())).extracting(ServiceCatalogFake.Artifact::id).containsExactly(v2.provisioningArtifactId());
        assertThat(fake.portfoliosOf(v1.productId())).as("the portfolio keeps offering version 2").containsExactly(portfolio);
        assertThat(retirement.retire(name, entry).removed()).isEqualTo(CatalogRemoval.NOTHING);
        assertThat(retirement.find(name, "1")).hasValueSatisfying(e -> assertThat(e.provisioningArtifactId()).isNull());
    }

    @Test
    void theLastVersionOfAnAssociatedProductIsRefusedNamingThePortfolioUnlessDisassociatingIsAllowed() {
        String portfolio = portfolio();
        String product = product();
        String name = product + "-" + OS;
        CatalogVersion v1 = publisher(Optional.of(portfolio)).publish(execution(), image(product, "1"));
        CatalogRetirement strict = new CatalogRetirement(catalog, false);
        DecommissionPlan.CatalogEntry entry = strict.find(name, "1").orElseThrow();

        assertThatThrownBy(() -> strict.check(name, entry)).isInstanceOf(ProductStillAssociatedException.class)
                .hasMessageContaining(portfolio).hasMessageContaining(v1.productId());
        assertThatThrownBy(() -> strict.retire(name, entry)).isInstanceOf(ProductStillAssociatedException.class)
                .hasMessageContaining(portfolio);
        assertThat(fake.artifacts(v1.productId())).hasSize(1);
        assertThat(fake.portfoliosOf(v1.productId())).containsExactly(portfolio);

        CatalogRetirement lenient = new CatalogRetirement(catalog, true);
        CatalogRemoval removal = lenient.retire(name, lenient.check(name, entry));

        assertThat(removal).isEqualTo(new CatalogRemoval(CatalogRemoval.PRODUCT, v1.productId(), v1.provisioningArtifactId(),
                List.of(portfolio)));
        assertThat(fake.productsNamed(name)).isEmpty();
        assertThat(fake.portfolios()).extracting(ServiceCatalogFake.Portfolio::id).as("the portfolio stays").contains(portfolio);
        assertThat(lenient.retire(name, entry).removed()).as("a second removal").isEqualTo(CatalogRemoval.NOTHING);
        assertThat(lenient.find(name, "1")).isEmpty();
    }

    @Test
    void theLastVersionOfAProductInNoPortfolioTakesTheProductWithIt() {
        String product = product();
        String name = product + "-" + OS;
        CatalogVersion v1 = publisher(Optional.empty()).publish(execution(), image(product, "1"));
        CatalogRetirement retirement = new CatalogRetirement(catalog, false);

        CatalogRemoval removal = retirement.retire(name, retirement.find(name, "1").orElseThrow());

        assertThat(removal.removed()).isEqualTo(CatalogRemoval.PRODUCT);
        assertThat(fake.productsNamed(name)).isEmpty();
        assertThat(fake.artifacts(v1.productId())).isEmpty();
    }

    @Test
    void portfoliosAreReadAcrossPages() {
        String name = product() + "-" + OS;
        String productId = catalog.createProduct(name, OWNER, "1", template(name), UUID.randomUUID().toString()).productId();
        List<String> portfolios = new ArrayList<>();
        for (int i = 0; i < ServiceCatalogFake.MAX_PAGE_SIZE + 3; i++) {
            String portfolio = portfolio();
            catalog.associate(productId, portfolio);
            portfolios.add(portfolio);
        }
        int before = aws.faults().calls().size();

        assertThat(catalog.portfolios(productId)).containsExactlyElementsOf(portfolios);
        assertThat(catalogCallsSince(before)).containsExactly("servicecatalog:ListPortfoliosForProduct",
                "servicecatalog:ListPortfoliosForProduct");
    }

    @Test
    void aFaultInjectedAtTheLocalEndpointFailsTheCatalogCallAndARerunFinishes() {
        String product = product();
        CatalogPublisher publisher = publisher(Optional.empty());
        CatalogVersion v1 = publisher.publish(execution(), image(product, "1"));
        String operation = "servicecatalog:CreateProvisioningArtifact";
        int next = (int) aws.faults().calls().stream().filter(operation::equals).count() + 1;
        aws.faults().failNth(operation, next, "AccessDeniedException", 400);
        String run = execution();

        assertThatThrownBy(() -> publisher.publish(run, image(product, "2"))).isInstanceOf(AwsCallFailedException.class)
                .hasMessageContaining(operation).hasMessageContaining("AccessDeniedException");
        assertThat(fake.artifacts(v1.productId())).extracting(ServiceCatalogFake.Artifact::name).containsExactly("1");

        CatalogVersion v2 = publisher.publish(run, image(product, "2"));
        assertThat(fake.artifacts(v1.productId())).extracting(ServiceCatalogFake.Artifact::id)
                .containsExactly(v1.provisioningArtifactId(), v2.provisioningArtifactId());
    }

    /**
     * The fake's own refusals reach the SDK as AWS's exception classes (the adapter's "already gone" handling
     * relies on {@link ResourceNotFoundException}). This checks the local stack, not Gilder.
     */
    @Test
    void theFakeRefusesWhatTheApiReferenceSaysAwsRefusesWithTheSdksExceptionClasses() {
        String name = product() + "-" + OS;
        ProductCatalog.CreatedProduct created = catalog.createProduct(name, OWNER, "1", template(name), UUID.randomUUID().toString());
        String portfolio = portfolio();
        catalog.associate(created.productId(), portfolio);

        assertThatThrownBy(() -> client.deleteProvisioningArtifact(r -> r.productId(created.productId())
                .provisioningArtifactId(created.artifactId()))).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("last");
        assertThatThrownBy(() -> client.deleteProduct(r -> r.id(created.productId()))).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(portfolio);
        assertThatThrownBy(() -> client.deletePortfolio(r -> r.id(portfolio))).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> client.describeProductAsAdmin(r -> r.name(name + "-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        String missing = aws.endpoint() + "/" + bucket + "/nothing-here";
        assertThatThrownBy(() -> client.createProvisioningArtifact(r -> r.productId(created.productId()).idempotencyToken("t")
                .parameters(p -> p.name("2").info(Map.of("LoadTemplateFromURL", missing)))))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("nothing-here");
        assertThat(client.describeProvisioningArtifact(r -> r.productId(created.productId()).provisioningArtifactName("1"))
                .provisioningArtifactDetail().id()).isEqualTo(created.artifactId());
    }

    // ------------------------------------------------------------------ helpers

    private CatalogPublisher publisher(Optional<String> portfolio) {
        return new CatalogPublisher(templates, catalog, TEMPLATE_KEY, OWNER, portfolio);
    }

    /** A product name of this test's own, in the {@code Name-Version} form. */
    private String product() {
        String product = "CatalogTest" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        for (String version : List.of("1", "2", "3")) {
            writtenKeys.add("templates/" + OS + "/" + product + "/" + version + "/product.yaml");
        }
        return product;
    }

    private static DistributionImage image(String product, String version) {
        String parameter = "/GoldenAMI/" + OS + "/" + product + "/" + version;
        return new DistributionImage("ami-0123456789abcdef0", "gilder/" + OS + "/" + product + "/" + version, parameter,
                LocalNames.REGION, product, OS, version);
    }

    private static String execution() {
        return "arn:aws:states:us-east-1:123456789012:execution:distribute-golden-ami:" + UUID.randomUUID();
    }

    /** A readable template for products created through the adapter directly; returns its URL. */
    private String template(String name) {
        String key = "templates/catalog-adapters-test/" + name + ".yaml";
        writtenKeys.add(key);
        return templates.write(key, "Parameters:\n  ImageId:\n    Default: /GoldenAMI/" + name + "\n");
    }

    private String portfolio() {
        String token = UUID.randomUUID().toString();
        return client.createPortfolio(r -> r.displayName("Golden AMIs " + token.substring(0, 8)).providerName("CCoE")
                .idempotencyToken(token)).portfolioDetail().id();
    }

    /** The Service Catalog calls that passed the local endpoint since the call log held {@code from} entries. */
    private List<String> catalogCallsSince(int from) {
        List<String> calls = aws.faults().calls();
        return calls.subList(from, calls.size()).stream().filter(c -> c.startsWith("servicecatalog:")).toList();
    }
}
