package io.gilder.build;

import java.util.Map;

/** An EBS snapshot owned by this account, with its tags (empty when it has none). */
public record TaggedSnapshot(String snapshotId, Map<String, String> tags) {

    public TaggedSnapshot {
        tags = Map.copyOf(tags);
    }
}
