package io.gilder.revocation;

import java.util.Map;

/** Lists the version parameters of one product on one OS in the pipeline account's own region. */
public interface VersionParameters {

    /**
     * @param path e.g. {@code /GoldenAMI/AmazonLinux-2023/WebServer-1.2}
     * @return each parameter directly under {@code path}: its last name segment (the build version) → its value (an AMI id);
     *         empty when there are none
     * @throws io.gilder.error.GilderException when the listing fails
     */
    Map<String, String> under(String path);
}
