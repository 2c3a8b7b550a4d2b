package io.gilder.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gilder.port.DistributionManifests;
import io.gilder.port.EvidenceStore;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link DistributionManifests} as JSON documents in the evidence bucket. */
public class S3DistributionManifests implements DistributionManifests {

    static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EvidenceStore store;
    private final String bucket;

    /** @param bucket the evidence bucket's name, for messages */
    public S3DistributionManifests(EvidenceStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    @Override
    public Optional<Object> read(String key) {
        return store.get(key).map(body -> {
            try {
                return JSON.readValue(body, Object.class);
            } catch (IOException e) {
                throw new IllegalStateException(describe(key) + " is not JSON: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void markDecommissioned(String key, String executionArn, Instant at) {
        Optional<Object> current = read(key);
        if (current.isEmpty() || !(current.get() instanceof Map<?, ?> map)) {
            return;
        }
        if (map.containsKey("decommissioned")) {
            return; // a re-run keeps the first mark
        }
        Map<Object, Object> marked = new LinkedHashMap<>(map);
        marked.put("decommissioned", Map.of("at", at.toString(), "by", String.valueOf(executionArn)));
        try {
            store.put(key, JSON_TYPE, JSON.writeValueAsBytes(marked));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + describe(key), e);
        }
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
