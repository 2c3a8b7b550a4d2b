package io.gilder.local.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gilder.local.emulator.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;
import software.amazon.awssdk.services.servicecatalog.model.CreateProductResponse;
import software.amazon.awssdk.services.servicecatalog.model.DescribeProductResponse;
import software.amazon.awssdk.services.servicecatalog.model.InvalidParametersException;
import software.amazon.awssdk.services.servicecatalog.model.ListPortfoliosResponse;
import software.amazon.awssdk.services.servicecatalog.model.PortfolioDetail;
import software.amazon.awssdk.services.servicecatalog.model.ProductType;
import software.amazon.awssdk.services.servicecatalog.model.ProvisioningArtifactDetail;
import software.amazon.awssdk.services.servicecatalog.model.ProvisioningArtifactSummary;
import software.amazon.awssdk.services.servicecatalog.model.ResourceInUseException;
import software.amazon.awssdk.services.servicecatalog.model.ResourceNotFoundException;
import software.amazon.awssdk.services.servicecatalog.model.ServiceCatalogException;

/**
 * The Service Catalog fake on its own, driven by the real SDK client over HTTP (no local stack): what it keeps, what it
 * answers, and that it refuses what the API reference documents AWS refusing, with the documented error codes (all
 * HTTP 400: {@code InvalidParametersException}, {@code ResourceInUseException}, {@code ResourceNotFoundException}).
 */
class ServiceCatalogFakeTest {

    private static final String BUCKET = "templates-bucket";
    private static final String TEMPLATE = "Parameters:\n  ImageId:\n    Type: String\n";

    /** The fake's S3: object text by {@code bucket/key}. */
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    private ServiceCatalogFake fake;
    private ServiceCatalogClient client;

    @BeforeEach
    void start() {
        fake = new ServiceCatalogFake((bucket, key) -> Optional.ofNullable(objects.get(bucket + "/" + key)));
        client = ServiceCatalogClient.builder().endpointOverride(fake.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    // ------------------------------------------------------------------ products and their first version

    @Test
    void aCreatedProductHasItsFirstVersionWithTheTemplateReadFromS3() {
        String url = template("p/1.yaml", TEMPLATE);
        CreateProductResponse created = createProduct("Web-1.0", "1", url, "token-1");

        String productId = created.productViewDetail().productViewSummary().productId();
        String artifactId = created.provisioningArtifactDetail().id();
        assertThat(productId).matches("prod-[a-z0-9]{13}");
        assertThat(artifactId).matches("pa-[a-z0-9]{13}");
        assertThat(created.productViewDetail().productARN()).isEqualTo("arn:aws:catalog:us-east-1:123456789012:product/" + productId);
        assertThat(created.productViewDetail().productViewSummary().name()).isEqualTo("Web-1.0");
        assertThat(created.productViewDetail().productViewSummary().owner()).isEqualTo("CCoE");
        assertThat(created.provisioningArtifactDetail().name()).isEqualTo("1");
        assertThat(fake.products()).extracting(ServiceCatalogFake.Product::id).containsExactly(productId);
        assertThat(fake.artifacts(productId)).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(artifactId);
            assertThat(a.templateUrl()).isEqualTo(url);
            assertThat(a.template()).isEqualTo(TEMPLATE);
            assertThat(a.type()).isEqualTo("CLOUD_FORMATION_TEMPLATE");
        });
        assertThat(fake.templateUrl(artifactId)).contains(url);

        assertThat(client.describeProductAsAdmin(r -> r.id(productId)).provisioningArtifactSummaries())
                .extracting(ProvisioningArtifactSummary::id, ProvisioningArtifactSummary::name)
                .containsExactly(tuple(artifactId, "1"));
        DescribeProductResponse byName = client.describeProduct(r -> r.name("Web-1.0"));
        assertThat(byName.productViewSummary().productId()).isEqualTo(productId);
        assertThat(byName.provisioningArtifacts()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(artifactId));
    }

    @Test
    void aVirtualHostedTemplateUrlIsReadFromItsBucketAndKey() {
        objects.put("other-bucket/catalog/product.yaml", "Resources: {}\n");
        String url = "https://other-bucket.s3.us-east-1.amazonaws.com/catalog/product.yaml";

        String productId = createProduct("Db-1.0", "1", url, "t").productViewDetail().productViewSummary().productId();

        assertThat(fake.artifacts(productId).get(0).template()).isEqualTo("Resources: {}\n");
    }

    @Test
    void aTemplateThatCannotBeReadIsRefusedAndNothingIsCreatedUnlessValidationIsDisabled() {
        String missing = "http://127.0.0.1:9/" + BUCKET + "/nothing-here.yaml";

        assertThatThrownBy(() -> createProduct("Web-1.0", "1", missing, "t1")).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("nothing-here.yaml");
        assertThatThrownBy(() -> createProduct("Web-1.0", "1", "not a url", "t2")).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("not an S3 object URL");
        assertThat(fake.products()).isEmpty();

        String productId = client.createProduct(r -> r.name("Web-1.0").owner("CCoE").productType(ProductType.CLOUD_FORMATION_TEMPLATE)
                .idempotencyToken("t3").provisioningArtifactParameters(p -> p.name("1").disableTemplateValidation(true)
                        .info(Map.of("LoadTemplateFromURL", missing)))).productViewDetail().productViewSummary().productId();
        assertThat(fake.artifacts(productId)).singleElement().satisfies(a -> {
            assertThat(a.template()).as("not read").isNull();
            assertThat(a.templateUrl()).isEqualTo(missing);
        });
    }

    @Test
    void aCreateRepeatingItsIdempotencyTokenGetsTheFirstAnswerWhileAnotherTokenCreatesASecondProductOfTheSameName() {
        String url = template("p.yaml", TEMPLATE);
        CreateProductResponse first = createProduct("Web-1.0", "1", url, "same-token");
        CreateProductResponse again = createProduct("Web-1.0", "1", url, "same-token");
        CreateProductResponse other = createProduct("Web-1.0", "1", url, "other-token");

        assertThat(again.productViewDetail().productViewSummary().productId()).isEqualTo(first.productViewDetail().productViewSummary().productId());
        assertThat(again.provisioningArtifactDetail().id()).isEqualTo(first.provisioningArtifactDetail().id());
        assertThat(other.productViewDetail().productViewSummary().productId()).isNotEqualTo(first.productViewDetail().productViewSummary().productId());
        assertThat(fake.productsNamed("Web-1.0")).as("Service Catalog does not make names unique").hasSize(2);
        assertThat(client.describeProductAsAdmin(r -> r.name("Web-1.0")).productViewDetail().productViewSummary().productId())
                .as("by name, the oldest answers").isEqualTo(first.productViewDetail().productViewSummary().productId());
    }

    @Test
    void aCreateMissingARequiredFieldIsRefused() {
        String url = template("p.yaml", TEMPLATE);

        assertThatThrownBy(() -> client.createProduct(r -> r.name("Web-1.0").productType(ProductType.CLOUD_FORMATION_TEMPLATE)
                .idempotencyToken("t").provisioningArtifactParameters(p -> p.info(Map.of("LoadTemplateFromURL", url)))))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("Owner");
        assertThatThrownBy(() -> client.createProduct(r -> r.name("Web-1.0").owner("CCoE").productType(ProductType.CLOUD_FORMATION_TEMPLATE)
                .idempotencyToken("t"))).isInstanceOf(InvalidParametersException.class).hasMessageContaining("ProvisioningArtifactParameters");
        assertThatThrownBy(() -> client.createProduct(r -> r.name("Web-1.0").owner("CCoE").productType(ProductType.CLOUD_FORMATION_TEMPLATE)
                .idempotencyToken("t").provisioningArtifactParameters(p -> p.name("1")))).isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("LoadTemplateFromURL");
        assertThat(fake.products()).isEmpty();
    }

    // ------------------------------------------------------------------ provisioning artifacts

    @Test
    void versionsAreAddedListedAndDescribedByIdOrName() {
        String productId = product("Web-1.0");
        String url2 = template("p/2.yaml", "Description: version 2\n");

        var second = client.createProvisioningArtifact(r -> r.productId(productId).idempotencyToken("v2")
                .parameters(p -> p.name("2").description("second").info(Map.of("LoadTemplateFromURL", url2))));

        assertThat(second.status().toString()).isEqualTo("AVAILABLE");
        assertThat(second.info()).containsEntry("TemplateUrl", url2);
        assertThat(client.listProvisioningArtifacts(r -> r.productId(productId)).provisioningArtifactDetails())
                .extracting(ProvisioningArtifactDetail::name).containsExactly("1", "2");
        assertThat(client.describeProvisioningArtifact(r -> r.productId(productId).provisioningArtifactName("2"))
                .provisioningArtifactDetail().id()).isEqualTo(second.provisioningArtifactDetail().id());
        assertThat(client.describeProvisioningArtifact(r -> r.productId(productId)
                .provisioningArtifactId(second.provisioningArtifactDetail().id())).provisioningArtifactDetail().description())
                .isEqualTo("second");
        assertThat(fake.artifacts(productId).get(1).template()).isEqualTo("Description: version 2\n");
    }

    @Test
    void unknownProductsAndVersionsAreResourceNotFound() {
        String productId = product("Web-1.0");
        String url = template("p/2.yaml", TEMPLATE);

        assertThatThrownBy(() -> client.describeProvisioningArtifact(r -> r.productId(productId).provisioningArtifactId("pa-missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("pa-missing");
        assertThatThrownBy(() -> client.describeProvisioningArtifact(r -> r.productId(productId)))
                .as("neither id nor name").isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> client.deleteProvisioningArtifact(r -> r.productId(productId).provisioningArtifactId("pa-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.createProvisioningArtifact(r -> r.productId("prod-missing").idempotencyToken("t")
                .parameters(p -> p.name("2").info(Map.of("LoadTemplateFromURL", url))))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.listProvisioningArtifacts(r -> r.productId("prod-missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("prod-missing");
        assertThatThrownBy(() -> client.describeProductAsAdmin(r -> r.id("prod-missing"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.describeProduct(r -> r.name("No-Such-1.0"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteProduct(r -> r.id("prod-missing"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aVersionCanBeDeletedButNotAProductsLastOne() {
        String productId = product("Web-1.0");
        String first = fake.artifacts(productId).get(0).id();
        String url = template("p/2.yaml", TEMPLATE);
        String second = client.createProvisioningArtifact(r -> r.productId(productId).idempotencyToken("v2")
                .parameters(p -> p.name("2").info(Map.of("LoadTemplateFromURL", url)))).provisioningArtifactDetail().id();

        client.deleteProvisioningArtifact(r -> r.productId(productId).provisioningArtifactId(first));

        assertThat(fake.artifacts(productId)).extracting(ServiceCatalogFake.Artifact::id).containsExactly(second);
        assertThatThrownBy(() -> client.deleteProvisioningArtifact(r -> r.productId(productId).provisioningArtifactId(second)))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("last");
        assertThat(fake.artifacts(productId)).extracting(ServiceCatalogFake.Artifact::id).containsExactly(second);
    }

    // ------------------------------------------------------------------ portfolios and associations

    @Test
    void aProductIsAssociatedOnceListedForItsPortfoliosAndDisassociated() {
        String productId = product("Web-1.0");
        String portfolio = portfolio("Golden AMIs");
        String other = portfolio("Other");

        client.associateProductWithPortfolio(r -> r.productId(productId).portfolioId(portfolio));
        client.associateProductWithPortfolio(r -> r.productId(productId).portfolioId(portfolio));
        client.associateProductWithPortfolio(r -> r.productId(productId).portfolioId(other));

        assertThat(fake.portfoliosOf(productId)).as("associating again changes nothing").containsExactly(portfolio, other);
        assertThat(client.listPortfoliosForProduct(r -> r.productId(productId)).portfolioDetails())
                .extracting(PortfolioDetail::id, PortfolioDetail::displayName)
                .containsExactly(tuple(portfolio, "Golden AMIs"), tuple(other, "Other"));

        client.disassociateProductFromPortfolio(r -> r.productId(productId).portfolioId(portfolio));

        assertThat(fake.portfoliosOf(productId)).containsExactly(other);
        assertThatThrownBy(() -> client.disassociateProductFromPortfolio(r -> r.productId(productId).portfolioId(portfolio)))
                .as("no longer associated").isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(portfolio);
    }

    @Test
    void disassociatingAProductThatWasNeverAssociatedIsResourceNotFound() {
        String productId = product("Web-1.0");
        String portfolio = portfolio("Golden AMIs");

        assertThatThrownBy(() -> client.disassociateProductFromPortfolio(r -> r.productId(productId).portfolioId(portfolio)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("not associated")
                .satisfies(e -> assertThat(((ServiceCatalogException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void associationsNeedAnExistingProductAndPortfolio() {
        String productId = product("Web-1.0");
        String portfolio = portfolio("Golden AMIs");

        assertThatThrownBy(() -> client.associateProductWithPortfolio(r -> r.productId(productId).portfolioId("port-missing")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("port-missing");
        assertThatThrownBy(() -> client.associateProductWithPortfolio(r -> r.productId("prod-missing").portfolioId(portfolio)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("prod-missing");
        assertThatThrownBy(() -> client.disassociateProductFromPortfolio(r -> r.productId(productId).portfolioId("port-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.listPortfoliosForProduct(r -> r.productId("prod-missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(fake.portfoliosOf(productId)).isEmpty();
    }

    @Test
    void associatedProductsAndPortfoliosAreInUseUntilDisassociated() {
        String productId = product("Web-1.0");
        String portfolio = portfolio("Golden AMIs");
        client.associateProductWithPortfolio(r -> r.productId(productId).portfolioId(portfolio));

        assertThatThrownBy(() -> client.deleteProduct(r -> r.id(productId))).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(portfolio);
        assertThatThrownBy(() -> client.deletePortfolio(r -> r.id(portfolio))).isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining(productId);

        client.disassociateProductFromPortfolio(r -> r.productId(productId).portfolioId(portfolio));
        client.deleteProduct(r -> r.id(productId));
        client.deletePortfolio(r -> r.id(portfolio));

        assertThat(fake.products()).isEmpty();
        assertThat(fake.artifacts(productId)).isEmpty();
        assertThat(fake.portfolios()).isEmpty();
        assertThatThrownBy(() -> client.describePortfolio(r -> r.id(portfolio))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void portfoliosArePagedByTwentyOrTheAskedSizeAndALargerPageIsRefused() {
        List<String> ids = IntStream.range(0, 23).mapToObj(i -> portfolio("P" + i)).toList();

        ListPortfoliosResponse first = client.listPortfolios(r -> r.pageSize(null));
        assertThat(first.portfolioDetails()).extracting(PortfolioDetail::id).isEqualTo(ids.subList(0, 20));
        assertThat(first.nextPageToken()).isNotBlank();
        ListPortfoliosResponse second = client.listPortfolios(r -> r.pageToken(first.nextPageToken()));
        assertThat(second.portfolioDetails()).extracting(PortfolioDetail::id).isEqualTo(ids.subList(20, 23));
        assertThat(second.nextPageToken()).isNull();

        assertThat(client.listPortfoliosPaginator(r -> r.pageSize(7)).stream().flatMap(page -> page.portfolioDetails().stream()))
                .extracting(PortfolioDetail::id).isEqualTo(ids);
        assertThatThrownBy(() -> client.listPortfolios(r -> r.pageSize(21))).isInstanceOf(InvalidParametersException.class);
        assertThatThrownBy(() -> client.listPortfolios(r -> r.pageToken("page-x"))).isInstanceOf(InvalidParametersException.class);
    }

    // ------------------------------------------------------------------ the wire protocol

    @Test
    void anOperationTheFakeLacksIsRefusedByName() {
        assertThatThrownBy(() -> client.searchProductsAsAdmin(r -> r.pageSize(1))).isInstanceOf(ServiceCatalogException.class)
                .satisfies(e -> {
                    ServiceCatalogException error = (ServiceCatalogException) e;
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.getMessage()).contains("SearchProductsAsAdmin");
                });
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsASerializationError() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(fake.uri())
                .header("Content-Type", ServiceCatalogFake.JSON).header("X-Amz-Target", ServiceCatalogFake.TARGET_PREFIX + "ListPortfolios")
                .POST(HttpRequest.BodyPublishers.ofString("[1, 2]")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("x-amzn-ErrorType")).contains("SerializationException");
        assertThat(Json.read(answer.body()).path("__type").asText()).isEqualTo("SerializationException");
    }

    @Test
    void s3LocationsAreReadFromPathStyleAndVirtualHostedUrls() {
        assertThat(ServiceCatalogFake.S3Location.of("http://127.0.0.1:4566/bucket/a/b.yaml"))
                .contains(new ServiceCatalogFake.S3Location("bucket", "a/b.yaml"));
        assertThat(ServiceCatalogFake.S3Location.of("https://my.bucket.s3.eu-west-1.amazonaws.com/t.yaml"))
                .contains(new ServiceCatalogFake.S3Location("my.bucket", "t.yaml"));
        assertThat(ServiceCatalogFake.S3Location.of("https://bucket.s3.amazonaws.com/k"))
                .contains(new ServiceCatalogFake.S3Location("bucket", "k"));
        assertThat(ServiceCatalogFake.S3Location.of("https://bucket.s3-us-west-2.amazonaws.com/k"))
                .contains(new ServiceCatalogFake.S3Location("bucket", "k"));
        assertThat(ServiceCatalogFake.S3Location.of("http://127.0.0.1:4566/bucket-only")).isEmpty();
        assertThat(ServiceCatalogFake.S3Location.of("http://127.0.0.1:4566/bucket/")).isEmpty();
        assertThat(ServiceCatalogFake.S3Location.of("https://bucket.s3.amazonaws.com/")).isEmpty();
        assertThat(ServiceCatalogFake.S3Location.of("no url at all")).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /** Puts a template into the fake's S3; returns its path-style URL. */
    private String template(String key, String text) {
        objects.put(BUCKET + "/" + key, text);
        return "http://127.0.0.1:9/" + BUCKET + "/" + key;
    }

    private CreateProductResponse createProduct(String name, String version, String url, String token) {
        return client.createProduct(r -> r.name(name).owner("CCoE").productType(ProductType.CLOUD_FORMATION_TEMPLATE)
                .idempotencyToken(token).provisioningArtifactParameters(p -> p.name(version).info(Map.of("LoadTemplateFromURL", url))));
    }

    /** A product with version "1"; returns its id. */
    private String product(String name) {
        return createProduct(name, "1", template(name + "/1.yaml", TEMPLATE), UUID.randomUUID().toString())
                .productViewDetail().productViewSummary().productId();
    }

    private String portfolio(String name) {
        return client.createPortfolio(r -> r.displayName(name).providerName("CCoE").idempotencyToken(UUID.randomUUID().toString()))
                .portfolioDetail().id();
    }
}
