package io.gilder.approval;

/**
 * Signing approvers in with the stack's identity provider (OpenID Connect, authorization code flow with PKCE). The
 * approval page sends the browser to {@link Attempt#authorizationUrl}, keeps the rest of the attempt server-side
 * ({@link ApproverSessions}), bound to the browser by a short-lived cookie holding the state, and finishes the sign-in
 * when the provider sends the browser back with a code.
 */
public interface ApproverSignIn {

    /**
     * A new sign-in: fresh state, nonce and PKCE verifier, and the provider URL that carries the first two and the challenge.
     *
     * @param redirectUri where the provider sends the browser back (registered with the provider as this client's callback)
     */
    Attempt begin(String redirectUri);

    /**
     * The approver the provider signed in: exchanges {@code code} (with the attempt's PKCE verifier) and verifies the ID
     * token (signature against the issuer's keys, issuer, audience, expiry, the attempt's nonce) and the approver claim.
     *
     * @param state the {@code state} the provider sent back, which must be the attempt's
     * @throws Refused naming why, in words a person can act on; nothing of the token is trusted then
     */
    Approver finish(String code, String state, Attempt attempt);

    /**
     * One sign-in in progress.
     *
     * @param authorizationUrl where to send the browser
     * @param state            binds the provider's answer to this browser (compared on return)
     * @param nonce            binds the ID token to this attempt (verified in the token)
     * @param codeVerifier     the PKCE secret whose S256 challenge went to the provider
     * @param redirectUri      the callback the provider was given, which the code exchange must repeat
     */
    record Attempt(String authorizationUrl, String state, String nonce, String codeVerifier, String redirectUri) {

        @Override
        public String toString() {
            return "Attempt[state=" + state + ", secrets=<redacted>]";
        }
    }

    /** A sign-in that does not make its holder an approver: bad state, failed exchange, invalid token, missing claim. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
