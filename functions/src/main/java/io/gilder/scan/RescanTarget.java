package io.gilder.scan;

/**
 * One active golden AMI to re-scan, with the identity its version parameter gives it.
 *
 * @param imageId       the AMI id, as on {@code /GoldenAMI/latest}
 * @param os            e.g. {@code AmazonLinux-2023}; {@code null} when no version parameter holds the image
 * @param product       e.g. {@code WebServer-1.2}; {@code null} when unregistered
 * @param version       the build version, e.g. {@code 7}; {@code null} when unregistered
 * @param parameterName the version parameter that names it, {@code null} when unregistered
 */
public record RescanTarget(String imageId, String os, String product, String version, String parameterName) {

    /** Whether the image is on the active list although no {@code /GoldenAMI/<os>/<product>/<version>} holds it. */
    public boolean unregistered() {
        return parameterName == null;
    }
}
