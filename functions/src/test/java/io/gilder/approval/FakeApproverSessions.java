package io.gilder.approval;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shared fake of {@link ApproverSessions}: attempts by state and sessions by cookie value in memory, with the
 * expiry checked on read as the table adapter does. {@link #failWith} makes every later call fail.
 */
public final class FakeApproverSessions implements ApproverSessions {

    public final Map<String, ApproverSignIn.Attempt> attempts = new HashMap<>();
    public final Map<String, Instant> attemptExpiry = new HashMap<>();
    public final Map<String, Session> sessions = new HashMap<>();
    private RuntimeException failure;

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public synchronized void keepAttempt(ApproverSignIn.Attempt attempt, Instant expiresAt) {
        fail();
        attempts.put(attempt.state(), attempt);
        attemptExpiry.put(attempt.state(), expiresAt);
    }

    @Override
    public synchronized Optional<ApproverSignIn.Attempt> takeAttempt(String state, Instant now) {
        fail();
        ApproverSignIn.Attempt attempt = attempts.remove(state);
        Instant expires = attemptExpiry.remove(state);
        return attempt == null || !now.isBefore(expires) ? Optional.empty() : Optional.of(attempt);
    }

    @Override
    public synchronized void open(String sessionId, Session session) {
        fail();
        sessions.put(sessionId, session);
    }

    @Override
    public synchronized Optional<Session> find(String sessionId, Instant now) {
        fail();
        Session session = sessions.get(sessionId);
        return session == null || !now.isBefore(session.expiresAt()) ? Optional.empty() : Optional.of(session);
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
