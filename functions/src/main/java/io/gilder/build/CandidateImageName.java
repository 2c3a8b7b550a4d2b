package io.gilder.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The AMI name of a build's candidate image. It depends only on the request and the execution, so
 * a retried Create Candidate Image finds the image its first attempt made instead of making a
 * second one, while two executions of the same version never collide.
 *
 * <p>Example: {@code gilder/AmazonLinux-2023/WebServer-1.0/1/3f9a0c12e4}. Product and OS names are
 * letters, digits, '_' and '-', versions digits and dots: all valid in AMI names.
 */
public final class CandidateImageName {

    static final int HASH_CHARS = 10;
    private static final int MAX_LENGTH = 128;

    private CandidateImageName() {}

    public static String of(BuildRequest request, String executionArn) {
        String name = "gilder/" + request.os().id() + "/" + request.product().id() + "/" + request.buildVersion() + "/"
                + shortHash(executionArn);
        if (name.length() > MAX_LENGTH) {
            // Keep the hash, which is what makes the name unique to the execution.
            name = name.substring(0, MAX_LENGTH - HASH_CHARS - 1) + "/" + shortHash(executionArn);
        }
        return name;
    }

    public static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
