package io.gilder.registry;

import java.util.function.Function;

/**
 * The golden image registry ({@link GoldenRegistry}) of any region of the pipeline account, and of
 * any child account and region through the child account's cross-account role.
 */
public interface GoldenRegistries {

    /** Runs {@code work} against the pipeline account's registry in {@code region}. */
    <T> T inPipeline(String region, Function<GoldenRegistry, T> work);

    /**
     * Assumes the cross-account role in {@code accountId} (session {@code sessionName}) and runs {@code work}
     * against that account's registry in {@code region}; the credentials are dropped afterwards.
     *
     * @throws io.gilder.error.GilderException when the role cannot be assumed (e.g. {@code AccessDenied}: the child
     *         template is missing or does not trust this pipeline) or a registry call fails
     */
    <T> T inAccount(String accountId, String region, String sessionName, Function<GoldenRegistry, T> work);
}
