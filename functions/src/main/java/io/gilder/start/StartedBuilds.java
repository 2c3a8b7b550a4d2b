package io.gilder.start;

import java.time.Instant;

/** Where the starter of each build started through {@code POST /builds} is kept, for separation of duties at approval. */
public interface StartedBuilds {

    /** Keeps that {@code startedBy} (an IAM ARN) started {@code executionArn} at {@code at}; before the execution starts. */
    void record(String executionArn, String startedBy, Instant at);
}
