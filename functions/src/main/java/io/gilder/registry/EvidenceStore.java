package io.gilder.registry;

import java.util.Optional;

/** Durable store of scan evidence and decisions, keyed by path (e.g. {@code <os>/<product>/<version>/...}). */
public interface EvidenceStore {

    /**
     * Stores {@code body} under {@code key}, replacing what was there.
     *
     * @return a durable reference a person can follow, e.g. {@code s3://bucket/key}
     */
    String put(String key, String contentType, byte[] body);

    /** The object under {@code key}, or empty when there is none. */
    Optional<byte[]> get(String key);

    /** The object under {@code key} with its version tag (the S3 ETag), or empty when there is none. */
    Optional<Tagged> getTagged(String key);

    /**
     * Stores {@code body} under {@code key} only if the object there is still the one tagged {@code etag}
     * ({@code null}: only if there is none), in one conditional write (S3 {@code If-Match} / {@code If-None-Match}).
     *
     * @return false when the condition failed: someone else wrote (or deleted) the object meanwhile, nothing was stored
     */
    boolean putIfUnchanged(String key, String contentType, byte[] body, String etag);

    /** An object's body and its version tag. */
    record Tagged(byte[] body, String etag) {}
}
