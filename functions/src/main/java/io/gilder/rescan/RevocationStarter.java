package io.gilder.rescan;

import java.util.Map;

/** Starts {@code revoke-golden-ami} executions. */
public interface RevocationStarter {

    /** @param alreadyStarted whether an execution of that name existed (a retried request): nothing new was started */
    record Started(String executionArn, String executionName, boolean alreadyStarted) {}

    /**
     * Starts an execution named {@code name} with {@code input}; an execution of that name that already exists is the
     * answer, not an error.
     *
     * @throws io.gilder.error.GilderException when the start fails otherwise
     */
    Started start(String name, Map<String, Object> input);
}
