package io.gilder.registry;

/**
 * The golden image a distribution copies and shares, as the workflow passes it from state to state.
 *
 * @param imageId       the image in the pipeline account's home region
 * @param name          its AMI name (regional copies keep it)
 * @param parameterName {@code /GoldenAMI/<os>/<product>/<version>}, written wherever the image lands
 * @param sourceRegion  the pipeline's home region, where {@code imageId} lives
 * @param product       e.g. {@code WebServer-1.2}
 * @param os            e.g. {@code AmazonLinux-2023}
 */
public record DistributionImage(String imageId, String name, String parameterName, String sourceRegion, String product,
        String os, String buildVersion) {}
