package io.gilder.approval;

import java.util.List;

/**
 * The approval page's two cookies, both {@code __Host-} prefixed (Secure, whole host, no Domain: no other site or
 * subdomain can set them) and HttpOnly (no script reads them):
 * <ul>
 *   <li>{@link #SIGN_IN}: the state of a sign-in in progress and the approval to return to, SameSite=Lax so that it comes
 *       back on the identity provider's redirect; 10 minutes.</li>
 *   <li>{@link #SESSION}: the signed-in session, SameSite=Strict so that no other site can make a browser send it (a
 *       cross-site form post arrives without it); 15 minutes.</li>
 * </ul>
 */
public final class SessionCookies {

    public static final String SIGN_IN = "__Host-gilder-sign-in";
    public static final String SESSION = "__Host-gilder-session";

    private SessionCookies() {}

    /** The value of cookie {@code name} among payload 2.0's {@code cookies} ({@code name=value} each), or null. */
    public static String value(List<String> cookies, String name) {
        if (cookies == null) {
            return null;
        }
        for (String cookie : cookies) {
            for (String part : cookie.split(";")) {
                String trimmed = part.trim();
                if (trimmed.startsWith(name + "=")) {
                    return trimmed.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** The sign-in cookie: {@code state.approvalId}, both URL-safe. */
    public static String signIn(String state, String approvalId) {
        return SIGN_IN + "=" + state + "." + approvalId + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age="
                + SignInDesk.ATTEMPT.toSeconds();
    }

    /** The state part of a sign-in cookie's value, or null. */
    public static String signInState(String value) {
        int dot = value == null ? -1 : value.indexOf('.');
        return dot <= 0 ? null : value.substring(0, dot);
    }

    /** The approval part of a sign-in cookie's value, or null. */
    public static String signInApproval(String value) {
        int dot = value == null ? -1 : value.indexOf('.');
        return dot < 0 ? null : value.substring(dot + 1);
    }

    public static String session(String sessionId) {
        return SESSION + "=" + sessionId + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + SignInDesk.SESSION.toSeconds();
    }

    /** Removes cookie {@code name}. */
    public static String cleared(String name) {
        return name + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0";
    }
}
