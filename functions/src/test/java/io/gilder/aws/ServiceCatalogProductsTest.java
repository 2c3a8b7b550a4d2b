package io.gilder.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.gilder.catalog.CatalogPublisher;
import io.gilder.catalog.FakeTemplateStore;
import io.gilder.decommission.CatalogRemoval;
import io.gilder.decommission.CatalogRetirement;
import io.gilder.decommission.DecommissionPlan;
import io.gilder.error.AwsTransientException;
import io.gilder.error.ProductStillAssociatedException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicecatalog.ServiceCatalogClient;

/**
 * The Service Catalog adapter, publisher and retirement over real HTTP: the SDK's own requests go to a
 * WireMock server that answers in the Service Catalog JSON protocol ({@code X-Amz-Target:
 * AWS242ServiceCatalogService.<Operation>}, {@code application/x-amz-json-1.1}, errors as {@code __type}).
 * Moto cannot stand in here: it lacks provisioning artifacts and portfolio associations.
 */
class ServiceCatalogProductsTest {

    static final String TARGET = "AWS242ServiceCatalogService.";
    static final String JSON = "application/x-amz-json-1.1";
    static final String NAME = "WebServer-1.2-AmazonLinux-2023";
    static final DistributionImage IMAGE = new DistributionImage("ami-0source", "gilder/AmazonLinux-2023/WebServer-1.2/3",
            "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3", "us-east-1", "WebServer-1.2", "AmazonLinux-2023", "3");
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:distribute-golden-ami:run-1";
    static final String URL = "https://gilder-templates.s3.us-east-1.amazonaws.com/templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml";

    static WireMockServer server;
    static ServiceCatalogClient client;
    ServiceCatalogProducts catalog;
    FakeTemplateStore templates;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        client = ServiceCatalogClient.builder().endpointOverride(URI.create(server.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        catalog = new ServiceCatalogProducts(client);
        templates = new FakeTemplateStore("https://gilder-templates.s3.us-east-1.amazonaws.com/", "gilder-templates");
        templates.objects.put("catalog/product-template.yaml", "Parameters:\n  ImageId:\n    Default: AMI_ID_TO_REPLACE\n");
    }

    @AfterEach
    void everyWrittenTemplateNamesTheImagesParameter() {
        templates.written.forEach(key -> assertThat(templates.objects.get(key)).contains(IMAGE.parameterName()));
    }

    static void answer(String operation, String body) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body)));
    }

    static void fail(String operation, int status, String type) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"from the fake\"}")));
    }

    static int calls(String operation) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + operation))).size();
    }

    static String product(String id) {
        return "{\"ProductViewDetail\":{\"ProductViewSummary\":{\"ProductId\":\"" + id + "\",\"Name\":\"" + NAME + "\"}}}";
    }

    static String artifacts(String... idsAndNames) {
        StringBuilder out = new StringBuilder("{\"ProvisioningArtifactDetails\":[");
        for (int i = 0; i < idsAndNames.length; i += 2) {
            out.append(i == 0 ? "" : ",").append("{\"Id\":\"").append(idsAndNames[i]).append("\",\"Name\":\"")
                    .append(idsAndNames[i + 1]).append("\"}");
        }
        return out.append("]}").toString();
    }

    static String portfolios(String... ids) {
        return "{\"PortfolioDetails\":[" + String.join(",", java.util.Arrays.stream(ids)
                .map(id -> "{\"Id\":\"" + id + "\",\"DisplayName\":\"Golden AMIs\"}").toList()) + "]}";
    }

    CatalogPublisher publisher(String portfolio) {
        return new CatalogPublisher(templates, catalog, "catalog/product-template.yaml", "CCoE", Optional.ofNullable(portfolio));
    }

    @Test
    void theFirstVersionCreatesTheProductAndJoinsThePortfolio() {
        fail("DescribeProductAsAdmin", 400, "ResourceNotFoundException");
        answer("CreateProduct", "{\"ProductViewDetail\":{\"ProductViewSummary\":{\"ProductId\":\"prod-new\"}},"
                + "\"ProvisioningArtifactDetail\":{\"Id\":\"pa-3\",\"Name\":\"3\"}}");
        answer("ListPortfoliosForProduct", portfolios());
        answer("AssociateProductWithPortfolio", "{}");

        CatalogVersion version = publisher("port-a").publish(EXECUTION, IMAGE);

        assertThat(version).isEqualTo(new CatalogVersion("prod-new", "pa-3", "templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml", "port-a"));
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeProductAsAdmin"))
                .withRequestBody(equalToJson("{\"Name\":\"" + NAME + "\"}")));
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateProduct"))
                .withHeader("Content-Type", equalTo(JSON))
                .withRequestBody(matchingJsonPath("$.Name", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.ProductType", equalTo("CLOUD_FORMATION_TEMPLATE")))
                .withRequestBody(matchingJsonPath("$.ProvisioningArtifactParameters.Name", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.ProvisioningArtifactParameters.Type", equalTo("CLOUD_FORMATION_TEMPLATE")))
                .withRequestBody(matchingJsonPath("$.ProvisioningArtifactParameters.Info.LoadTemplateFromURL", equalTo(URL)))
                .withRequestBody(matchingJsonPath("$.IdempotencyToken", equalTo(CatalogPublisher.idempotencyToken(EXECUTION, NAME, "3")))));
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "AssociateProductWithPortfolio"))
                .withRequestBody(equalToJson("{\"ProductId\":\"prod-new\",\"PortfolioId\":\"port-a\"}")));
    }

    @Test
    void anExistingProductGetsTheVersionOnlyOnce() {
        answer("DescribeProductAsAdmin", product("prod-1"));
        answer("ListProvisioningArtifacts", artifacts("pa-2", "2"));
        answer("CreateProvisioningArtifact", "{\"ProvisioningArtifactDetail\":{\"Id\":\"pa-3\",\"Name\":\"3\"}}");

        assertThat(publisher(null).publish(EXECUTION, IMAGE).provisioningArtifactId()).isEqualTo("pa-3");
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateProvisioningArtifact"))
                .withRequestBody(matchingJsonPath("$.ProductId", equalTo("prod-1")))
                .withRequestBody(matchingJsonPath("$.Parameters.Name", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.Parameters.Info.LoadTemplateFromURL", equalTo(URL))));

        // The re-run: the version named 3 is listed now, so nothing is created again.
        answer("ListProvisioningArtifacts", artifacts("pa-2", "2", "pa-3", "3"));
        assertThat(publisher(null).publish(EXECUTION, IMAGE).provisioningArtifactId()).isEqualTo("pa-3");
        assertThat(calls("CreateProvisioningArtifact")).isEqualTo(1);
        assertThat(calls("CreateProduct")).isZero();
        assertThat(calls("AssociateProductWithPortfolio")).isZero();
    }

    @Test
    void retiringOneOfSeveralVersionsDeletesOnlyThatArtifact() {
        answer("ListProvisioningArtifacts", artifacts("pa-2", "2", "pa-3", "3"));
        answer("DeleteProvisioningArtifact", "{}");

        CatalogRemoval removal = new CatalogRetirement(catalog, false).retire(NAME, entry("pa-3"));

        assertThat(removal.removed()).isEqualTo(CatalogRemoval.VERSION);
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DeleteProvisioningArtifact"))
                .withRequestBody(equalToJson("{\"ProductId\":\"prod-1\",\"ProvisioningArtifactId\":\"pa-3\"}")));
        assertThat(calls("ListPortfoliosForProduct")).isZero();
    }

    @Test
    void theLastVersionIsRefusedWhileThePortfoliosHoldTheProduct() {
        answer("ListProvisioningArtifacts", artifacts("pa-3", "3"));
        answer("ListPortfoliosForProduct", portfolios("port-a", "port-b"));

        assertThatThrownBy(() -> new CatalogRetirement(catalog, false).retire(NAME, entry("pa-3")))
                .isInstanceOf(ProductStillAssociatedException.class).hasMessageContaining("port-a, port-b").hasMessageContaining("prod-1");
        assertThat(calls("DeleteProduct") + calls("DisassociateProductFromPortfolio") + calls("DeleteProvisioningArtifact")).isZero();
    }

    @Test
    void whenAllowedTheProductLeavesItsPortfoliosThenGoes() {
        answer("ListProvisioningArtifacts", artifacts("pa-3", "3"));
        answer("ListPortfoliosForProduct", portfolios("port-a"));
        answer("DisassociateProductFromPortfolio", "{}");
        answer("DeleteProduct", "{}");

        CatalogRemoval removal = new CatalogRetirement(catalog, true).retire(NAME, entry("pa-3"));

        assertThat(removal.removed()).isEqualTo(CatalogRemoval.PRODUCT);
        assertThat(removal.disassociatedPortfolios()).containsExactly("port-a");
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DisassociateProductFromPortfolio"))
                .withRequestBody(equalToJson("{\"ProductId\":\"prod-1\",\"PortfolioId\":\"port-a\"}")));
        server.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DeleteProduct"))
                .withRequestBody(equalToJson("{\"Id\":\"prod-1\"}")));
    }

    @Test
    void whatIsAlreadyGoneIsDone() {
        fail("ListProvisioningArtifacts", 400, "ResourceNotFoundException");
        fail("ListPortfoliosForProduct", 400, "ResourceNotFoundException");
        fail("DeleteProvisioningArtifact", 400, "ResourceNotFoundException");
        fail("DeleteProduct", 400, "ResourceNotFoundException");
        fail("DisassociateProductFromPortfolio", 400, "ResourceNotFoundException");
        fail("DescribeProductAsAdmin", 400, "ResourceNotFoundException");

        assertThat(new CatalogRetirement(catalog, false).retire(NAME, entry("pa-3")).removed()).isEqualTo(CatalogRemoval.NOTHING);
        assertThat(catalog.artifacts("prod-1")).isEmpty();
        assertThat(catalog.portfolios("prod-1")).isEmpty();
        assertThat(catalog.deleteArtifact("prod-1", "pa-3")).isFalse();
        assertThat(catalog.deleteProduct("prod-1")).isFalse();
        catalog.disassociate("prod-1", "port-a");
        assertThat(catalog.findProduct(NAME)).isEmpty();
    }

    @Test
    void portfoliosAreReadAcrossPagesAndThrottlingIsRetryable() {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "ListPortfoliosForProduct"))
                .withRequestBody(matchingJsonPath("$.PageToken", equalTo("page-2")))
                .willReturn(aResponse().withHeader("Content-Type", JSON).withBody(portfolios("port-b"))));
        server.stubFor(post(urlEqualTo("/")).atPriority(10).withHeader("X-Amz-Target", equalTo(TARGET + "ListPortfoliosForProduct"))
                .willReturn(aResponse().withHeader("Content-Type", JSON)
                        .withBody("{\"PortfolioDetails\":[{\"Id\":\"port-a\"}],\"NextPageToken\":\"page-2\"}")));
        assertThat(catalog.portfolios("prod-1")).containsExactly("port-a", "port-b");

        fail("DescribeProductAsAdmin", 400, "ThrottlingException");
        assertThatThrownBy(() -> catalog.findProduct(NAME)).isInstanceOf(AwsTransientException.class)
                .hasMessageContaining("servicecatalog:DescribeProductAsAdmin");
    }

    static DecommissionPlan.CatalogEntry entry(String artifactId) {
        return new DecommissionPlan.CatalogEntry("prod-1", artifactId, List.of());
    }
}
