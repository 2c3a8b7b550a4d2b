package io.gilder.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.gilder.approval.Approver;
import io.gilder.approval.ApproverSignIn;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Approver sign-in with any OpenID Connect provider (a Cognito user pool, IAM Identity Center, Okta, Entra ID, ...)
 * through the Nimbus OAuth 2.0 / OpenID Connect SDK: the provider's discovery document, the authorization code flow with
 * PKCE (S256), and ID token verification by {@link IDTokenValidator} (RS256 signature against the issuer's published
 * keys, issuer, audience, expiry with a minute of clock skew, nonce). No JWT is parsed by hand here.
 */
public final class OidcSignIn implements ApproverSignIn {

    private static final Scope SCOPE = new Scope("openid", "email");
    /** Milliseconds to connect to and to read from the provider: a hung provider must not hold the page's environments. */
    static final int CONNECT_TIMEOUT_MS = 3_000;
    static final int READ_TIMEOUT_MS = 5_000;

    private final OidcSettings settings;
    private volatile Provider provider;

    public OidcSignIn(OidcSettings settings) {
        this.settings = settings;
    }

    /** The discovered endpoints and the validator bound to the issuer's keys, resolved once per environment. */
    private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    @Override
    public Attempt begin(String redirectUri) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI url = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPE, new ClientID(settings.clientId()), URI.create(redirectUri))
                .endpointURI(provider().metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        return new Attempt(url.toString(), state.getValue(), nonce.getValue(), verifier.getValue(), redirectUri);
    }

    @Override
    public Approver finish(String code, String state, Attempt attempt) {
        if (attempt == null || state == null || !constantTimeEquals(state, attempt.state())) {
            throw new Refused("The sign-in came back without the state this browser started it with; start again from the e-mailed link.");
        }
        if (code == null || code.isBlank()) {
            throw new Refused("The identity provider sent no authorization code.");
        }
        return verify(exchange(code, attempt), attempt.nonce());
    }

    /** The approver an ID token names, once verified against the issuer's keys, this client and {@code nonce}. */
    Approver verify(JWT idToken, String nonce) {
        IDTokenClaimsSet claims;
        try {
            claims = provider().validator().validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused("The identity provider's ID token failed verification: " + e.getMessage(), e);
        }
        if (!grantsApproval(claims.getClaim(settings.approverClaim()))) {
            throw new Refused("Signed in as " + describe(claims) + ", who is not an approver: the token's " + settings.approverClaim()
                    + " claim does not include " + settings.approverValue() + ".");
        }
        // An e-mail the provider has not verified could be anyone's: it is not recorded as the approver's.
        String email = Boolean.TRUE.equals(claims.getBooleanClaim("email_verified")) ? claims.getStringClaim("email") : null;
        return new Approver(claims.getSubject().getValue(), email, claims.getIssuer().getValue());
    }

    private JWT exchange(String code, Attempt attempt) {
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(attempt.redirectUri()),
                new CodeVerifier(attempt.codeVerifier()));
        URI endpoint = provider().metadata().getTokenEndpointURI();
        String secret = settings.clientSecret() == null ? null : settings.clientSecret().get();
        ClientID client = new ClientID(settings.clientId());
        TokenRequest request = secret == null || secret.isEmpty() ? new TokenRequest(endpoint, client, grant)
                : new TokenRequest(endpoint, new ClientSecretBasic(client, new Secret(secret)), grant);
        TokenResponse response;
        try {
            com.nimbusds.oauth2.sdk.http.HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(CONNECT_TIMEOUT_MS);
            http.setReadTimeout(READ_TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            throw new Refused("The identity provider's token endpoint could not be read: " + e.getMessage(), e);
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            throw new Refused("The identity provider refused the sign-in code: " + error.getErrorObject().getCode()
                    + (error.getErrorObject().getDescription() == null ? "" : " (" + error.getErrorObject().getDescription() + ")"));
        }
        OIDCTokens tokens = ((com.nimbusds.openid.connect.sdk.OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        if (tokens.getIDToken() == null) {
            throw new Refused("The identity provider returned no ID token; is the openid scope allowed for this client?");
        }
        return tokens.getIDToken();
    }

    private boolean grantsApproval(Object claim) {
        String wanted = settings.approverValue();
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
        }
        if (claim instanceof String text) {
            // Some providers send groups as one space- or comma-separated string.
            return List.of(text.split("[\\s,]+")).contains(wanted);
        }
        return false;
    }

    private static String describe(IDTokenClaimsSet claims) {
        String email = claims.getStringClaim("email");
        return email != null ? email : claims.getSubject().getValue();
    }

    private Provider provider() {
        Provider current = provider;
        if (current == null) {
            synchronized (this) {
                if (provider == null) {
                    provider = discover();
                }
                current = provider;
            }
        }
        return current;
    }

    private Provider discover() {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()), JWSAlgorithm.RS256,
                    metadata.getJWKSetURI().toURL(),
                    new com.nimbusds.jose.util.DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS));
            return new Provider(metadata, validator);
        } catch (com.nimbusds.oauth2.sdk.GeneralException | IOException e) {
            throw new Refused("The identity provider " + settings.issuer() + " could not be discovered: " + e.getMessage(), e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
