package io.gilder.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The shared fake of {@link EvidenceStore} (where fakes live: {@code io.gilder.testing}'s package-info): the
 * bucket's objects by key, copied in and out as S3 would, each with the time it was written (a minute after the
 * last, from 2026-11-01). {@link #failGets} makes every read fail.
 */
public final class FakeEvidenceStore implements EvidenceStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final Map<String, byte[]> objects = new TreeMap<>();
    public final Map<String, Instant> written = new TreeMap<>();
    /** When set, every {@link #get} throws it. */
    public RuntimeException failGets;
    private Instant now = Instant.parse("2026-11-01T00:00:00Z");

    /** @return {@code s3://evidence/<key>} */
    @Override
    public String put(String key, String contentType, byte[] body) {
        objects.put(key, body.clone());
        now = now.plusSeconds(60);
        written.put(key, now);
        return "s3://evidence/" + key;
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (failGets != null) {
            throw failGets;
        }
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    @Override
    public Optional<Tagged> getTagged(String key) {
        return get(key).map(body -> new Tagged(body, etag(body)));
    }

    /**
     * Stores like S3's conditional PutObject; {@link #beforeConditionalPut}, when set, runs first (once), as another
     * writer racing this one would.
     */
    @Override
    public boolean putIfUnchanged(String key, String contentType, byte[] body, String etag) {
        Runnable racer = beforeConditionalPut;
        beforeConditionalPut = null;
        if (racer != null) {
            racer.run();
        }
        byte[] current = objects.get(key);
        if (etag == null ? current != null : current == null || !etag(current).equals(etag)) {
            return false;
        }
        put(key, contentType, body);
        return true;
    }

    /** Runs (once) right before the next conditional put checks its condition: another writer's write. */
    public Runnable beforeConditionalPut;

    private static String etag(byte[] body) {
        return "\"" + java.util.HexFormat.of().formatHex(sha256(body)).substring(0, 32) + "\"";
    }

    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys starting with {@code prefix} and when each was written, as a bucket listing has them (by key). */
    public SortedMap<String, Instant> writtenUnder(String prefix) {
        TreeMap<String, Instant> out = new TreeMap<>();
        written.forEach((key, at) -> {
            if (key.startsWith(prefix)) {
                out.put(key, at);
            }
        });
        return out;
    }

    /** The object under {@code key} read as JSON. */
    public JsonNode json(String key) {
        try {
            return JSON.readTree(objects.get(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
