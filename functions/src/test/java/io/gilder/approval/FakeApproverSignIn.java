package io.gilder.approval;

import java.util.HashMap;
import java.util.Map;

/**
 * The shared fake of {@link ApproverSignIn} for the page's own rules (the real provider's part, token verification, is
 * OidcSignInTest's, against a real OpenID Connect server): {@link #begin} hands out numbered states, {@link #finish}
 * answers the approver scripted for a code in {@link #approvers}, and refuses any other code as the provider would.
 */
public final class FakeApproverSignIn implements ApproverSignIn {

    public static final String AUTHORIZE = "https://idp.example/oauth2/authorize";
    public static final String ISSUER = "https://idp.example";

    /** Who each authorization code signs in. */
    public final Map<String, Approver> approvers = new HashMap<>();
    private int attempts;

    /** A code that signs in {@code subject} with a verified e-mail. */
    public String codeFor(String subject, String email) {
        String code = "code-" + subject;
        approvers.put(code, new Approver(subject, email, ISSUER));
        return code;
    }

    @Override
    public synchronized Attempt begin(String redirectUri) {
        String state = "state-" + (++attempts);
        return new Attempt(AUTHORIZE + "?state=" + state + "&redirect_uri=" + redirectUri, state, "nonce-" + attempts,
                "verifier-" + attempts, redirectUri);
    }

    @Override
    public Approver finish(String code, String state, Attempt attempt) {
        if (!attempt.state().equals(state)) {
            throw new Refused("state mismatch");
        }
        Approver approver = approvers.get(code);
        if (approver == null) {
            throw new Refused("The identity provider refused the sign-in code: invalid_grant");
        }
        return approver;
    }
}
