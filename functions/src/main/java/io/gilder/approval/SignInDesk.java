package io.gilder.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signing approvers in and keeping them signed in: begins a sign-in with the identity provider, finishes it into a
 * short session, and finds the session a browser presents. The rules of who is an approver live in
 * {@link ApproverSignIn}; this desk only binds its answer to one browser for a short time.
 */
public final class SignInDesk {

    /** How long a sign-in may take from the approval link to the provider's return. */
    public static final Duration ATTEMPT = Duration.ofMinutes(10);
    /** How long a session lasts: long enough to review one candidate, short enough that a forgotten tab is harmless. */
    public static final Duration SESSION = Duration.ofMinutes(15);

    private final ApproverSignIn signIn;
    private final ApproverSessions sessions;
    private final Supplier<SecureRandom> random;
    private final Clock clock;

    public SignInDesk(ApproverSignIn signIn, ApproverSessions sessions, Supplier<SecureRandom> random, Clock clock) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.random = random;
        this.clock = clock;
    }

    /** A sign-in begun: where to send the browser and the state to bind to it (in a cookie). */
    public record Started(String authorizationUrl, String state) {}

    /** A sign-in finished: the value of the session cookie and the session it opens. */
    public record SignedIn(String sessionId, ApproverSessions.Session session) {}

    /** Begins a sign-in whose return comes to {@code redirectUri}. */
    public Started begin(String redirectUri) {
        ApproverSignIn.Attempt attempt = signIn.begin(redirectUri);
        sessions.keepAttempt(attempt, clock.instant().plus(ATTEMPT));
        return new Started(attempt.authorizationUrl(), attempt.state());
    }

    /**
     * Finishes the sign-in the provider returned with {@code code} and {@code state}, in the browser that holds
     * {@code browserState} (the state cookie set when it began): one return per attempt, within {@link #ATTEMPT}.
     *
     * @throws ApproverSignIn.Refused naming why nobody was signed in
     */
    public SignedIn finish(String code, String state, String browserState) {
        if (state == null || browserState == null || !constantTimeEquals(state, browserState)) {
            throw new ApproverSignIn.Refused("This sign-in was not started in this browser, or it took longer than "
                    + ATTEMPT.toMinutes() + " minutes; open the e-mailed link again.");
        }
        ApproverSignIn.Attempt attempt = sessions.takeAttempt(state, clock.instant()).orElseThrow(() -> new ApproverSignIn.Refused(
                "This sign-in was already used or has expired; open the e-mailed link again."));
        Approver approver = signIn.finish(code, state, attempt);
        ApproverSessions.Session session = new ApproverSessions.Session(approver, token(), clock.instant().plus(SESSION));
        String sessionId = token();
        sessions.open(sessionId, session);
        return new SignedIn(sessionId, session);
    }

    /** The session behind a session cookie's value, if it is one and has not expired. */
    public Optional<ApproverSessions.Session> session(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 100) {
            return Optional.empty();
        }
        return sessions.find(sessionId, clock.instant());
    }

    /** Whether a form's CSRF token is the session's. */
    public static boolean csrfMatches(ApproverSessions.Session session, String token) {
        return token != null && constantTimeEquals(token, session.csrfToken());
    }

    /** 256 random bits, URL-safe. */
    private String token() {
        byte[] bytes = new byte[32];
        random.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
