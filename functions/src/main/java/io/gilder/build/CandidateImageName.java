package io.gilder.build;

import io.gilder.registry.ShortHash;

/**
 * The AMI name of a build's candidate image. It depends only on the request and the execution, so
 * a retried Create Candidate Image finds the image its first attempt made instead of making a
 * second one, while two executions of the same version never collide.
 *
 * <p>Example: {@code gilder/AmazonLinux-2023/WebServer-1.0/1/3f9a0c12e4}. Product and OS names are
 * letters, digits, '_' and '-', versions digits and dots: all valid in AMI names.
 */
public final class CandidateImageName {

    static final int HASH_CHARS = ShortHash.CHARS;
    private static final int MAX_LENGTH = 128;

    private CandidateImageName() {}

    public static String of(BuildRequest request, String executionArn) {
        String name = "gilder/" + request.os().id() + "/" + request.product().id() + "/" + request.buildVersion() + "/"
                + ShortHash.of(executionArn);
        if (name.length() > MAX_LENGTH) {
            // Keep the hash, which is what makes the name unique to the execution.
            name = name.substring(0, MAX_LENGTH - HASH_CHARS - 1) + "/" + ShortHash.of(executionArn);
        }
        return name;
    }
}
