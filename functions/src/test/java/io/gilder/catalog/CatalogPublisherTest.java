package io.gilder.catalog;

import io.gilder.error.ProductTemplateException;
import io.gilder.registry.CatalogVersion;
import io.gilder.registry.DistributionImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogPublisherTest {

    static final DistributionImage IMAGE = new DistributionImage("ami-0source", "gilder/AmazonLinux-2023/WebServer-1.2/3",
            "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3", "us-east-1", "WebServer-1.2", "AmazonLinux-2023", "3");
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:distribute-golden-ami:run-1";

    final FakeProductCatalog catalog = new FakeProductCatalog();
    final FakeTemplateStore templates = new FakeTemplateStore();

    CatalogPublisher publisher(String portfolio) {
        return new CatalogPublisher(templates, catalog, "catalog/product-template.yaml", "CCoE", Optional.ofNullable(portfolio));
    }

    @Test
    void theFirstVersionCreatesTheProductAndARerunChangesNothing() {
        templates.objects.put("catalog/product-template.yaml", "Default: AMI_ID_TO_REPLACE\n");

        CatalogVersion version = publisher("port-a").publish(EXECUTION, IMAGE);

        String key = "templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml";
        assertThat(templates.objects.get(key)).isEqualTo("Default: " + IMAGE.parameterName() + "\n");
        assertThat(version.templateKey()).isEqualTo(key);
        assertThat(version.portfolioId()).isEqualTo("port-a");
        assertThat(catalog.writes).containsExactly("create WebServer-1.2-AmazonLinux-2023 3 https://templates.example/" + key,
                "associate " + version.productId() + " port-a");

        assertThat(publisher("port-a").publish(EXECUTION, IMAGE)).isEqualTo(version);
        assertThat(catalog.writes).hasSize(2);
    }

    @Test
    void aNewBuildOfAnExistingProductAddsAVersion() {
        templates.objects.put("catalog/product-template.yaml", "Default: AMI_ID_TO_REPLACE\n");
        String product = catalog.add("WebServer-1.2-AmazonLinux-2023", List.of("2"), List.of());

        CatalogVersion version = publisher(null).publish(EXECUTION, IMAGE);

        assertThat(version.productId()).isEqualTo(product);
        assertThat(version.portfolioId()).isNull();
        assertThat(catalog.writes).containsExactly("add " + product + " 3");
        assertThat(catalog.artifacts(product)).extracting(a -> a.name()).containsExactly("2", "3");
    }

    @Test
    void aMissingOrPlaceholderlessTemplateIsRefusedBeforeAnyWrite() {
        assertThatThrownBy(() -> publisher(null).publish(EXECUTION, IMAGE)).isInstanceOf(ProductTemplateException.class)
                .hasMessageContaining("s3://templates/catalog/product-template.yaml");
        templates.objects.put("catalog/product-template.yaml", "ImageId: ami-0123\n");
        assertThatThrownBy(() -> publisher(null).publish(EXECUTION, IMAGE)).isInstanceOf(ProductTemplateException.class)
                .hasMessageContaining("AMI_ID_TO_REPLACE");
        assertThat(catalog.writes).isEmpty();
        assertThat(templates.objects).hasSize(1);
    }

    @Test
    void theIdempotencyTokenDependsOnExecutionProductAndVersion() {
        String token = CatalogPublisher.idempotencyToken(EXECUTION, "P", "3");
        assertThat(token).matches("[0-9a-f]{64}").isEqualTo(CatalogPublisher.idempotencyToken(EXECUTION, "P", "3"))
                .isNotEqualTo(CatalogPublisher.idempotencyToken(EXECUTION, "P", "4"));
    }
}
