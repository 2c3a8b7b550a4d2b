package io.gilder.catalog;

/**
 * The Service Catalog product template of a golden image: where its versioned copy lives, what the
 * product is called, and how the shared template becomes one version's template.
 *
 * <p>The shared template names the image only through the placeholder {@value #PLACEHOLDER}, used as
 * the default of a parameter of type {@code AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>}. Rendering
 * replaces it with the image's Parameter Store path (not an AMI id), so CloudFormation resolves the id
 * at launch in the launching account and region: each account and region gets its own copy's id from
 * its own {@code /GoldenAMI/<os>/<product>/<version>} parameter, and one template serves them all.
 */
public final class ProductTemplate {

    public static final String PLACEHOLDER = "AMI_ID_TO_REPLACE";

    private ProductTemplate() {}

    /**
     * @return {@code template} with every placeholder replaced by {@code parameterName}
     * @throws IllegalArgumentException when the template holds no placeholder (it would not launch this image)
     */
    public static String render(String template, String parameterName) {
        if (!template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("the product template holds no " + PLACEHOLDER
                    + " placeholder, so it would not launch the golden image");
        }
        return template.replace(PLACEHOLDER, parameterName);
    }

    /** Key of a version's rendered template: {@code templates/<os>/<product>/<version>/product.yaml}. */
    public static String versionKey(String os, String product, String buildVersion) {
        return "templates/" + os + "/" + product + "/" + buildVersion + "/product.yaml";
    }

    /**
     * The Service Catalog product of a product and OS, e.g. {@code WebServer-1.2-AmazonLinux-2023}.
     *
     * @param product and {@code os} in their {@code Name-Version} form, e.g. {@code WebServer-1.2}
     */
    public static String productName(String product, String os) {
        return product + "-" + os;
    }
}
