package io.gilder.catalog;

import io.gilder.registry.NamedVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductTemplateTest {

    static final NamedVersion PRODUCT = new NamedVersion("WebServer", "1.2");
    static final NamedVersion OS = new NamedVersion("AmazonLinux", "2023");
    static final String PARAMETER = "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/3";

    @Test
    void everyPlaceholderBecomesTheParameterPath() {
        String rendered = ProductTemplate.render("Default: AMI_ID_TO_REPLACE\nValue: AMI_ID_TO_REPLACE # AMI_ID_TO_REPLACE\n", PARAMETER);

        assertThat(rendered).isEqualTo("Default: " + PARAMETER + "\nValue: " + PARAMETER + " # " + PARAMETER + "\n");
    }

    @Test
    void aTemplateWithoutPlaceholderIsRefused() {
        assertThatThrownBy(() -> ProductTemplate.render("Parameters: {}", PARAMETER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AMI_ID_TO_REPLACE");
    }

    @Test
    void theShippedTemplateUsesThePlaceholderAsAnSsmImageParameterDefault() throws Exception {
        Path shipped = Path.of(System.getProperty("user.dir")).resolveSibling("catalog").resolve("product-template.yaml");
        String rendered = ProductTemplate.render(Files.readString(shipped), PARAMETER);

        assertThat(rendered).doesNotContain(ProductTemplate.PLACEHOLDER)
                .contains("Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>\n    Default: " + PARAMETER)
                .contains("HttpTokens: required").contains("Encrypted: true").doesNotContain("SecurityGroupIngress");
    }

    @Test
    void namesAndKeysFollowProductOsAndVersion() {
        assertThat(ProductTemplate.productName(PRODUCT.id(), OS.id())).isEqualTo("WebServer-1.2-AmazonLinux-2023");
        assertThat(ProductTemplate.versionKey(OS.id(), PRODUCT.id(), "3")).isEqualTo("templates/AmazonLinux-2023/WebServer-1.2/3/product.yaml");
    }
}
