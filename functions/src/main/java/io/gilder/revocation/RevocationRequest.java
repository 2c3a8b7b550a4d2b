package io.gilder.revocation;

/**
 * The {@code revoke-golden-ami} execution input, checked.
 *
 * @param region  where {@code imageId} is (null: the pipeline's region); needed only for a regional copy
 * @param mode    null: the stack's default ({@code RevocationMode} parameter)
 * @param trigger what started the revocation, or null when started by hand
 */
public record RevocationRequest(String imageId, String region, String reason, RevocationMode mode, Trigger trigger) {

    /** A rescan that found the image failing its policy: the rescan's execution and its findings in S3. */
    public record Trigger(String rescanRun, String findings) {}
}
