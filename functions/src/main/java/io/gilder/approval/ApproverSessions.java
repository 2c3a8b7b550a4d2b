package io.gilder.approval;

import java.time.Instant;
import java.util.Optional;

/**
 * Where sign-ins in progress and signed-in sessions are kept, server-side: a cookie carries only a random value whose
 * hash names the record, so neither a stolen table nor a log line holds anything a browser could present.
 */
public interface ApproverSessions {

    /** Keeps a sign-in in progress until {@code expiresAt}, under its state. */
    void keepAttempt(ApproverSignIn.Attempt attempt, Instant expiresAt);

    /**
     * The sign-in in progress under {@code state}, removed as it is read (a state is good for one return), or empty when
     * there is none or it expired.
     */
    Optional<ApproverSignIn.Attempt> takeAttempt(String state, Instant now);

    /** Opens a session for the value of the session cookie. */
    void open(String sessionId, Session session);

    /** The session for the value of the session cookie, or empty when there is none or it expired. */
    Optional<Session> find(String sessionId, Instant now);

    /**
     * A signed-in approver's session.
     *
     * @param approver  who the provider's verified ID token named
     * @param csrfToken the value every form of this session must send back
     * @param expiresAt when the session ends (the approver then signs in again)
     */
    record Session(Approver approver, String csrfToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "Session[approver=" + approver + ", expiresAt=" + expiresAt + ", csrfToken=<redacted>]";
        }
    }
}
