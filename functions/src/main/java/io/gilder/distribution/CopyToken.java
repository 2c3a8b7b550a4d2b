package io.gilder.distribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code ClientToken} of a regional copy: derived from the source image and the target region
 * only, so every attempt and every re-run of any execution asks EC2 for the same copy, and EC2
 * answers a repeat with the first copy instead of making another. (EC2 allows 64 ASCII characters.)
 */
public final class CopyToken {

    private static final String PREFIX = "gilder-copy-";

    private CopyToken() {}

    public static String of(String sourceImageId, String region) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((sourceImageId + "|" + region).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
