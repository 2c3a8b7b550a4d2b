package io.gilder.registry;

/**
 * Parameter Store names of the golden image registry, compatible with the old samples' layout:
 * {@code /GoldenAMI/<os>/<product>/<version>} holds one AMI id, {@code /GoldenAMI/latest} the
 * comma-separated active ids of that account and region.
 */
public final class GoldenParameters {

    public static final String ROOT = "/GoldenAMI";
    public static final String LATEST = ROOT + "/latest";

    private GoldenParameters() {}

    public static String imageParameter(NamedVersion os, NamedVersion product, String buildVersion) {
        return ROOT + "/" + os.id() + "/" + product.id() + "/" + buildVersion;
    }
}
