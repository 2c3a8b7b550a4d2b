package io.gilder.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gilder.approval.Approver;
import io.gilder.approval.ApproverSignIn;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in against a real OpenID Connect provider, NAV's mock-oauth2-server (discovery, JWKS, authorization and token
 * endpoints, PKCE), started in this JVM: the code flow end to end over HTTP, and every token that must not make anyone
 * an approver.
 */
class OidcSignInTest {

    private static final String CLIENT = "gilder-approvals";
    private static final String REDIRECT = "https://approvals.example/approvals/signed-in";
    private static MockOAuth2Server idp;
    private static OidcSignIn signIn;

    @BeforeAll
    static void start() {
        idp = new MockOAuth2Server();
        idp.start();
        signIn = new OidcSignIn(new OidcSettings(idp.issuerUrl("gilder").toString(), CLIENT, () -> "client-secret",
                "groups", "approvers"));
    }

    @AfterAll
    static void stop() {
        idp.shutdown();
    }

    /** The provider signs the next person in as {@code subject} with these claims. */
    private static void nextSignIn(String subject, Map<String, Object> claims) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("gilder", subject, "JWT", List.of(CLIENT), claims, 3600));
    }

    /** The browser's round trip: open the authorization URL, read the code and state the provider redirects back with. */
    private static Map<String, String> authorize(ApproverSignIn.Attempt attempt) throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(attempt.authorizationUrl())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?");
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void aMemberOfTheApproversGroupSignsInWithTheCodeFlowAndPkce() throws Exception {
        nextSignIn("ann-0001", Map.of("email", "ann@example.com", "email_verified", true, "groups", List.of("developers", "approvers")));
        ApproverSignIn.Attempt attempt = signIn.begin(REDIRECT);
        assertThat(URI.create(attempt.authorizationUrl()).getQuery()).contains("code_challenge_method=S256", "nonce=" + attempt.nonce(),
                "state=" + attempt.state(), "client_id=" + CLIENT).doesNotContain(attempt.codeVerifier());
        Map<String, String> back = authorize(attempt);

        Approver approver = signIn.finish(back.get("code"), back.get("state"), attempt);

        assertThat(approver).isEqualTo(new Approver("ann-0001", "ann@example.com", idp.issuerUrl("gilder").toString()));
        assertThat(approver.displayName()).isEqualTo("ann@example.com");
        assertThat(attempt.toString()).doesNotContain(attempt.nonce(), attempt.codeVerifier());
    }

    @Test
    void anEmailTheProviderHasNotVerifiedIsNotRecorded() throws Exception {
        nextSignIn("eve-0003", Map.of("email", "ceo@example.com", "email_verified", false, "groups", List.of("approvers")));
        ApproverSignIn.Attempt attempt = signIn.begin(REDIRECT);
        Map<String, String> back = authorize(attempt);

        Approver approver = signIn.finish(back.get("code"), back.get("state"), attempt);

        assertThat(approver.email()).isNull();
        assertThat(approver.displayName()).isEqualTo("eve-0003");
    }

    @Test
    void someoneOutsideTheApproversGroupIsRefused() throws Exception {
        nextSignIn("bob-0002", Map.of("email", "bob@example.com", "groups", List.of("developers")));
        ApproverSignIn.Attempt attempt = signIn.begin(REDIRECT);
        Map<String, String> back = authorize(attempt);

        assertThatThrownBy(() -> signIn.finish(back.get("code"), back.get("state"), attempt))
                .isInstanceOf(ApproverSignIn.Refused.class)
                .hasMessage("Signed in as bob@example.com, who is not an approver: the token's groups claim does not include approvers.");
    }

    @Test
    void anAnswerForAnotherBrowsersAttemptIsRefusedBeforeAnyExchange() throws Exception {
        nextSignIn("ann-0001", Map.of("groups", List.of("approvers")));
        ApproverSignIn.Attempt mine = signIn.begin(REDIRECT);
        ApproverSignIn.Attempt theirs = signIn.begin(REDIRECT);
        Map<String, String> back = authorize(theirs);

        assertThatThrownBy(() -> signIn.finish(back.get("code"), back.get("state"), mine))
                .isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("without the state this browser started it with");
    }

    @Test
    void aCodeRedeemedWithTheWrongPkceVerifierOrNonceIsRefused() throws Exception {
        nextSignIn("ann-0001", Map.of("groups", List.of("approvers")));
        ApproverSignIn.Attempt attempt = signIn.begin(REDIRECT);
        Map<String, String> back = authorize(attempt);
        ApproverSignIn.Attempt otherNonce = new ApproverSignIn.Attempt(attempt.authorizationUrl(), attempt.state(),
                "another-nonce", attempt.codeVerifier(), REDIRECT);

        assertThatThrownBy(() -> signIn.finish(back.get("code"), back.get("state"), otherNonce))
                .isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("nonce");

        nextSignIn("ann-0001", Map.of("groups", List.of("approvers")));
        ApproverSignIn.Attempt second = signIn.begin(REDIRECT);
        Map<String, String> again = authorize(second);
        ApproverSignIn.Attempt stolenCode = new ApproverSignIn.Attempt(second.authorizationUrl(), second.state(), second.nonce(),
                signIn.begin(REDIRECT).codeVerifier(), REDIRECT);
        assertThatThrownBy(() -> signIn.finish(again.get("code"), again.get("state"), stolenCode))
                .as("a code is worth nothing without the verifier whose challenge went with it")
                .isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("refused the sign-in code: invalid_grant");
    }

    @Test
    void tokensFromAnotherIssuerForAnotherAudienceExpiredOrForgedAreRefused() throws Exception {
        Map<String, Object> approver = Map.of("groups", List.of("approvers"), "nonce", "n-1");
        SignedJWT otherIssuer = idp.issueToken("elsewhere", CLIENT,
                new DefaultOAuth2TokenCallback("elsewhere", "ann-0001", "JWT", List.of(CLIENT), approver, 3600));
        SignedJWT otherAudience = idp.issueToken("gilder", "another-client",
                new DefaultOAuth2TokenCallback("gilder", "ann-0001", "JWT", List.of("another-client"), approver, 3600));
        SignedJWT expired = idp.issueToken("gilder", CLIENT,
                new DefaultOAuth2TokenCallback("gilder", "ann-0001", "JWT", List.of(CLIENT), approver, -600));
        SignedJWT genuine = idp.issueToken("gilder", CLIENT,
                new DefaultOAuth2TokenCallback("gilder", "ann-0001", "JWT", List.of(CLIENT), approver, 3600));
        RSAKey attackerKey = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(attackerKey.getKeyID()).build(),
                new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
        forged.sign(new RSASSASigner(attackerKey));

        assertThat(signIn.verify(genuine, "n-1").subject()).as("the control: a genuine token passes").isEqualTo("ann-0001");
        // The other issuer signs with its own keys, which the issuer Gilder trusts does not publish.
        assertThatThrownBy(() -> signIn.verify(otherIssuer, "n-1")).isInstanceOf(ApproverSignIn.Refused.class)
                .hasMessageContaining("no matching key");
        assertThatThrownBy(() -> signIn.verify(otherAudience, "n-1")).isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> signIn.verify(expired, "n-1")).isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("xpired");
        assertThatThrownBy(() -> signIn.verify(forged, "n-1")).isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("ID token failed verification").hasMessageContaining("Invalid signature");
        assertThatThrownBy(() -> signIn.verify(genuine, "n-2")).isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("nonce");
    }

    @Test
    void aTokenSignedWithTheTrustedKeyButNamingAnotherIssuerIsRefused() throws Exception {
        Map<String, Object> claims = Map.of("groups", List.of("approvers"), "nonce", "n-1", "iss", "https://elsewhere.example");
        SignedJWT otherIss = idp.issueToken("gilder", CLIENT, new DefaultOAuth2TokenCallback("gilder", "ann-0001", "JWT", List.of(CLIENT),
                claims, 3600));
        assertThat(otherIss.getJWTClaimsSet().getIssuer()).as("the provider signed another iss with the trusted key")
                .isEqualTo("https://elsewhere.example");

        assertThatThrownBy(() -> signIn.verify(otherIss, "n-1")).isInstanceOf(ApproverSignIn.Refused.class).hasMessageContaining("issuer");
    }
}
