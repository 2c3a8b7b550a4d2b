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
}
