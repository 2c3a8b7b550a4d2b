package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.AwsTransientException;
import io.gilder.testing.Approvals;
import io.gilder.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalPageHandlerTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX-secret-task-token";
    /** Lambda's own mapper settings for events (Quarkus configures the same). */
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final FakeApprovalStore store = new FakeApprovalStore();
    private final FakeTaskCallback callback = new FakeTaskCallback();
    private final MutableClock clock = new MutableClock(Approvals.CREATED.plus(Duration.ofHours(2)));
    private final java.util.List<String> linked = new java.util.ArrayList<>();
    private final EvidenceLinks links = uri -> {
        linked.add(uri);
        return java.util.Optional.of("https://evidence.s3.amazonaws.com/findings.json?X-Amz-Expires=900&X-Amz-Signature=" + linked.size());
    };
    private final FakeDecisionLog decisions = new FakeDecisionLog();
    private final FakeApproverSignIn provider = new FakeApproverSignIn();
    private final FakeApproverSessions sessions = new FakeApproverSessions();
    private final SignInDesk signIns = new SignInDesk(provider, sessions, java.security.SecureRandom::new, clock);
    private final ApprovalPageHandler handler = new ApprovalPageHandler(new ApprovalDesk(store, callback, clock), signIns, links,
            decisions, clock);
    private final String id = Approvals.newId();
    /** The browser's cookies, as {@code name=value}, set by the page's Set-Cookie answers. */
    private final Map<String, String> jar = new java.util.LinkedHashMap<>();
    private String csrf;

    @BeforeEach
    void storeOne() {
        store.create(Approvals.pending(id), TOKEN);
    }

    /** Ann signs in through the page: the approval link, the provider, the return; then the page gives her form's CSRF token. */
    private void signIn(String subject, String email) {
        APIGatewayV2HTTPResponse redirect = send(event("GET", id, null, false));
        assertThat(redirect.getStatusCode()).isEqualTo(302);
        String state = redirect.getHeaders().get("Location").replaceAll(".*state=([^&]+).*", "$1");
        APIGatewayV2HTTPResponse back = send(callback(provider.codeFor(subject, email), state));
        assertThat(back.getStatusCode()).as(back.getBody()).isEqualTo(200);
        csrf = sessions.sessions.get(jar.get(SessionCookies.SESSION)).csrfToken();
    }

    private void signIn() {
        signIn("ann-0001", "ann@example.com");
    }

    /** Sends {@code event} with the jar's cookies and keeps what the answer sets. */
    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        event.setCookies(jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        for (String set : response.getCookies() == null ? java.util.List.<String>of() : response.getCookies()) {
            String pair = set.substring(0, set.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('='));
            if (set.contains("Max-Age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, pair.substring(pair.indexOf('=') + 1));
            }
        }
        return response;
    }

    private APIGatewayV2HTTPResponse post(String form) {
        return send(event("POST", id, form + (csrf == null ? "" : "&csrf=" + csrf), false));
    }

    private static APIGatewayV2HTTPEvent callback(String code, String state) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(ApprovalPageHandler.SIGNED_IN_ROUTE).withRawPath("/approvals/signed-in")
                .withQueryStringParameters(code == null ? Map.of("state", state) : Map.of("code", code, "state", state))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-cb").withDomainName("abc.example")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withSourceIp("192.0.2.1")
                                .withUserAgent("test-agent").build()).build())
                .build();
    }

    @Test
    void withoutASessionTheLinkLeadsToTheProviderAndShowsNothing() {
        APIGatewayV2HTTPResponse response = send(event("GET", id, null, false));

        assertThat(response.getStatusCode()).isEqualTo(302);
        assertThat(response.getHeaders().get("Location")).startsWith(FakeApproverSignIn.AUTHORIZE)
                .contains("redirect_uri=https://abc.example/approvals/signed-in");
        assertThat(response.getBody()).doesNotContain(Approvals.pending(id).imageId(), Approvals.pending(id).executionArn());
        assertThat(response.getCookies()).singleElement().satisfies(c -> assertThat(c)
                .startsWith(SessionCookies.SIGN_IN + "=state-1." + id + ";").contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/")
                .contains("Max-Age=600"));
        assertThat(sessions.attempts).containsKey("state-1");
        assertThat(store.decideCalls).isZero();
    }

    @Test
    void theProvidersReturnOpensAStrictShortSessionAndNavigatesToTheApprovalFromThisSite() {
        send(event("GET", id, null, false));

        APIGatewayV2HTTPResponse back = send(callback(provider.codeFor("ann-0001", "ann@example.com"), "state-1"));

        assertThat(back.getStatusCode()).isEqualTo(200);
        assertThat(back.getBody()).contains("data-outcome=\"signed-in\"", "Signed in as ann@example.com",
                "http-equiv=\"refresh\" content=\"0; url=./" + id + "\"");
        assertThat(back.getCookies()).anySatisfy(c -> assertThat(c).startsWith(SessionCookies.SESSION + "=")
                .contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=900"));
        assertThat(back.getCookies()).anySatisfy(c -> assertThat(c).startsWith(SessionCookies.SIGN_IN + "=;").contains("Max-Age=0"));
        assertThat(sessions.attempts).as("a state is good for one return").isEmpty();
        assertThat(sessions.sessions.values()).singleElement().satisfies(session -> {
            assertThat(session.approver()).isEqualTo(new Approver("ann-0001", "ann@example.com", FakeApproverSignIn.ISSUER));
            assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(SignInDesk.SESSION));
        });
        assertThat(sessions.sessions.keySet()).singleElement().satisfies(sessionId -> assertThat(back.getBody()).doesNotContain(sessionId));
    }

    @Test
    void aReturnThisBrowserDidNotStartOrThatComesTwiceOpensNoSession() {
        send(event("GET", id, null, false));
        String code = provider.codeFor("ann-0001", "ann@example.com");
        Map<String, String> started = Map.copyOf(jar);

        jar.clear(); // another browser, handed the return URL
        APIGatewayV2HTTPResponse elsewhere = send(callback(code, "state-1"));
        assertThat(elsewhere.getStatusCode()).isEqualTo(403);
        assertThat(elsewhere.getBody()).contains("data-outcome=\"sign-in-refused\"");

        jar.putAll(started);
        assertThat(send(callback(code, "state-2")).getStatusCode()).as("another state than the browser's").isEqualTo(403);
        jar.putAll(started);
        assertThat(send(callback(code, "state-1")).getStatusCode()).isEqualTo(200);
        jar.putAll(started);
        jar.remove(SessionCookies.SESSION);
        assertThat(send(callback(code, "state-1")).getStatusCode()).as("the same return twice").isEqualTo(403);
        assertThat(sessions.sessions).hasSize(1);
    }

    @Test
    void aSignInTheProviderRefusesOrThatTookTooLongOpensNoSession() {
        send(event("GET", id, null, false));
        assertThat(send(callback("forged-code", "state-1")).getBody()).contains("data-outcome=\"sign-in-refused\"", "invalid_grant");

        send(event("GET", id, null, false));
        clock.advance(SignInDesk.ATTEMPT);
        assertThat(send(callback(provider.codeFor("ann-0001", null), "state-2")).getStatusCode()).isEqualTo(403);

        send(event("GET", id, null, false));
        APIGatewayV2HTTPEvent denied = callback(null, "state-3");
        denied.setQueryStringParameters(Map.of("state", "state-3", "error", "access_denied", "error_description", "<b>not in group</b>"));
        APIGatewayV2HTTPResponse refused = send(denied);
        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(refused.getBody()).contains("access_denied", "&lt;b&gt;not in group&lt;/b&gt;");
        assertThat(sessions.sessions).isEmpty();
    }

    @Test
    void getShowsTheApprovalToTheSignedInApproverAndChangesNothing() {
        signIn();
        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPResponse response = send(event("GET", id, null, false));
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
            assertThat(response.getBody()).contains("data-outcome=\"open\"", "name=\"csrf\" value=\"" + csrf + "\"",
                    "Signed in as <strong>ann@example.com</strong>").doesNotContain(TOKEN, "name=\"approver\"");
        }
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
    }

    @Test
    void aSessionEndsAfterFifteenMinutes() {
        signIn();
        clock.advance(SignInDesk.SESSION);

        assertThat(send(event("GET", id, null, false)).getStatusCode()).isEqualTo(302);
        assertThat(post("decision=APPROVED").getStatusCode()).isEqualTo(401);
        assertThat(store.decideCalls).isZero();
    }

    @Test
    void aPostWithoutASessionOrWithoutTheSessionsCsrfTokenDecidesNothing() {
        APIGatewayV2HTTPResponse anonymous = post("decision=APPROVED&approver=Ann");
        assertThat(anonymous.getStatusCode()).isEqualTo(401);
        assertThat(anonymous.getBody()).contains("data-outcome=\"signed-out\"");

        signIn();
        APIGatewayV2HTTPResponse noToken = send(event("POST", id, "decision=APPROVED", false));
        APIGatewayV2HTTPResponse otherToken = send(event("POST", id, "decision=APPROVED&csrf=" + csrf + "x", false));

        assertThat(noToken.getStatusCode()).isEqualTo(403);
        assertThat(otherToken.getStatusCode()).isEqualTo(403);
        assertThat(otherToken.getBody()).contains("data-outcome=\"forged-form\"");
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
        assertThat(decisions.records).extracting(AuditRecord::outcome).doesNotContain("submitted");
    }

    @Test
    void eachViewLinksTheEvidenceAfreshForAShortWhileInsteadOfNamingTheBucket() {
        signIn();
        linked.clear();
        String first = send(event("GET", id, null, false)).getBody();
        String second = send(event("GET", id, null, false)).getBody();

        assertThat(linked).containsExactly("s3://evidence/AmazonLinux-2023/WebServer-1.0/7/findings.json",
                "s3://evidence/AmazonLinux-2023/WebServer-1.0/7/findings.json");
        assertThat(first).contains("id=\"evidence-link\" href=\"https://evidence.s3.amazonaws.com/findings.json?X-Amz-Expires=900&amp;X-Amz-Signature=1\"")
                .contains("works for 15 minutes").doesNotContain("s3://");
        assertThat(second).contains("X-Amz-Signature=2");
    }

    @Test
    void aBase64EncodedPostDecidesInTheSignedInNameWhateverTheFormClaims() throws Exception {
        signIn();
        String form = "approver=Mallory&comment=ship+it&decision=APPROVED&csrf=" + csrf;

        APIGatewayV2HTTPResponse response = send(
                event("POST", id, Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)), true));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("data-outcome=\"approved\"", "Approved by ann@example.com").doesNotContain(TOKEN, "Mallory");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(callback.answers).hasSize(1);
        JsonNode answer = MAPPER.readTree(callback.answers.get(0).outputJson());
        assertThat(answer.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(answer.get("approver").asText()).isEqualTo("ann@example.com");
        assertThat(answer.get("comment").asText()).isEqualTo("ship it");
        assertThat(answer.get("decidedAt").asText()).isEqualTo("2025-03-01T12:00:00Z");
    }

    @Test
    void aSecondPostIsAConflictAndChangesNothing() {
        signIn();
        post("decision=DENIED");
        jar.clear();
        signIn("bob-0002", "bob@example.com");

        APIGatewayV2HTTPResponse second = post("decision=APPROVED");

        assertThat(second.getStatusCode()).isEqualTo(409);
        assertThat(second.getBody()).contains("already denied by ann@example.com");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(callback.answers).hasSize(1);
    }

    @Test
    void expiredUnknownAndGarbledLinksGetTheirOwnPages() {
        assertThat(send(event("GET", id + "x", null, false)).getStatusCode()).as("no sign-in for a garbled link").isEqualTo(400);
        assertThat(send(event("GET", null, null, false)).getStatusCode()).isEqualTo(400);
        signIn();
        assertThat(send(event("GET", Approvals.newId(), null, false)).getStatusCode()).isEqualTo(404);
        assertThat(send(event("POST", id + "x", "decision=APPROVED&csrf=" + csrf, false)).getStatusCode()).isEqualTo(400);
        clock.set(Approvals.EXPIRES.minusSeconds(1));
        jar.clear();
        signIn();
        clock.set(Approvals.EXPIRES);
        assertThat(post("decision=APPROVED").getStatusCode()).isEqualTo(410);
        assertThat(callback.answers).isEmpty();
        assertThat(store.decideCalls).isZero();
    }

    @Test
    void anUnreachableStepFunctionsKeepsTheDecisionAndOffersToDeliverItAgain() {
        callback.failWith(new AwsTransientException("Step Functions SendTaskSuccess could not reach AWS", null));
        callback.deliveryFailure = new AwsTransientException("Step Functions GetExecutionHistory could not reach AWS", null);
        signIn();

        APIGatewayV2HTTPResponse response = post("decision=APPROVED");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("data-outcome=\"undelivered\"", "name=\"deliver\" value=\"again\"",
                "name=\"csrf\" value=\"" + csrf + "\"").doesNotContain("id=\"decision-form\"");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);

        callback.failWith(null);
        callback.deliveryFailure = null;
        APIGatewayV2HTTPResponse again = post("deliver=again");

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).contains("data-outcome=\"approved\"");
        assertThat(callback.answers).singleElement().satisfies(a -> assertThat(a.taskToken()).isEqualTo(TOKEN));
    }

    @Test
    void anUnexpectedFailureShowsAPlainPageWithoutItsDetail() {
        ApprovalStore misconfigured = new ApprovalStore() {
            @Override
            public void create(Approval approval, String taskToken) {
                throw fault();
            }

            @Override
            public java.util.Optional<Approval> find(String approvalId) {
                throw fault();
            }

            @Override
            public Decided decide(String approvalId, ApprovalDecision.Vote vote, String voter, java.time.Instant at) {
                throw fault();
            }

            @Override
            public java.util.Optional<String> decidedToken(String approvalId) {
                throw fault();
            }

            private IllegalStateException fault() {
                return new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
            }
        };
        ApprovalDesk broken = new ApprovalDesk(misconfigured, callback, clock);
        signIn();
        APIGatewayV2HTTPEvent view = event("GET", id, null, false);
        view.setCookies(jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

        APIGatewayV2HTTPResponse response = new ApprovalPageHandler(broken, signIns, links, decisions, clock).handleRequest(view, null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("data-outcome=\"failed\"")
                .doesNotContain("IllegalStateException", "GILDER_APPROVALS_TABLE", "at io.gilder");
    }

    @Test
    void everyViewAndDecisionIsLoggedWithWhereItCameFromAndNeverTheLinksId() {
        signIn(); // a view that leads to sign-in, then the sign-in
        send(event("GET", id, null, false));
        post("decision=APPROVED&comment=ok");
        post("decision=DENIED");
        send(event("GET", "tampered", null, false));

        // Kept in the decision log: the views and the sign-in, each submission before it may change anything, and the
        // decision before it is delivered; the refused second decision ends at its submission, the malformed link is only logged.
        assertThat(decisions.records).extracting(AuditRecord::action, AuditRecord::outcome, AuditRecord::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("view", "sign-in", null),
                        org.assertj.core.groups.Tuple.tuple("sign-in", "signed-in", "ann-0001"),
                        org.assertj.core.groups.Tuple.tuple("view", "open", "ann-0001"),
                        org.assertj.core.groups.Tuple.tuple("decide", "submitted", "ann-0001"),
                        org.assertj.core.groups.Tuple.tuple("decide", "approved", "ann-0001"),
                        org.assertj.core.groups.Tuple.tuple("decide", "submitted", "ann-0001"));
        AuditRecord decision = decisions.records.get(4);
        assertThat(decision.approval()).isEqualTo(ApprovalIds.reference(id));
        assertThat(decision.at()).isEqualTo(clock.instant());
        assertThat(decision.sourceIp()).isEqualTo("192.0.2.1");
        assertThat(decision.userAgent()).isEqualTo("test-agent");
        assertThat(decision.requestId()).isEqualTo("req-1");
        assertThat(decision.email()).isEqualTo("ann@example.com");
        assertThat(decision.issuer()).isEqualTo(FakeApproverSignIn.ISSUER);
        assertThat(decision.json()).contains("\"verified\":true").doesNotContain(id, TOKEN, csrf);
        assertThat(decisions.records.get(1).requestId()).isEqualTo("req-cb");
    }

    @Test
    void nothingIsDecidedThatTheDecisionLogCannotKeep() {
        signIn();
        decisions.failWith(new IllegalStateException("S3 unreachable"));

        APIGatewayV2HTTPResponse response = post("decision=APPROVED");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
    }

    @Test
    void aDecisionThatCannotBeKeptOnRecordIsNotDeliveredButKept() {
        ApprovalDesk desk = new ApprovalDesk(store, callback, clock);

        ApprovalOutcome outcome = desk.decide(id, "APPROVED", "Ann", null, decided -> {
            throw new IllegalStateException("S3 unreachable");
        });

        assertThat(outcome).isInstanceOf(ApprovalOutcome.Undelivered.class);
        assertThat(callback.answers).isEmpty();
        assertThat(desk.redeliver(id, decided -> { })).isInstanceOf(ApprovalOutcome.Recorded.class);
        assertThat(callback.answers).hasSize(1);
    }

    private static final String ANN = "arn:aws:sts::123456789012:assumed-role/GilderApprover/ann";

    private static APIGatewayV2HTTPEvent iamDecision(String id, String body, String userArn) {
        var iam = userArn == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder().withUserArn(userArn).withAccountId("123456789012")
                        .withAccessKey("ASIAEXAMPLE").build()).build();
        return APIGatewayV2HTTPEvent.builder().withRouteKey(ApprovalPageHandler.IAM_ROUTE).withRawPath("/approvals/" + id + "/decision")
                .withPathParameters(Map.of("id", id))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-iam").withAuthorizer(iam)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withSourceIp("198.51.100.4")
                                .withUserAgent("aws-cli/2").build()).build())
                .withBody(body).withIsBase64Encoded(false).build();
    }

    @Test
    void anIamCallerDecidesAsTheirOwnIdentityWhateverTheBodyClaims() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(iamDecision(id, "decision=APPROVED&comment=ok&approver=Mallory", ANN), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = MAPPER.readTree(response.getBody());
        assertThat(body.get("outcome").asText()).isEqualTo("approved");
        assertThat(body.get("approver").asText()).isEqualTo(ANN);
        assertThat(body.get("approval").asText()).isEqualTo(ApprovalIds.reference(id));
        assertThat(response.getBody()).doesNotContain(id, TOKEN);
        assertThat(store.find(id).orElseThrow().decidedBy()).isEqualTo(ANN);
        assertThat(callback.answers).singleElement().satisfies(a -> assertThat(a.outputJson()).contains("\"approver\":\"" + ANN + "\""));
        assertThat(decisions.records).extracting(AuditRecord::outcome).containsExactly("submitted", "approved");
        assertThat(decisions.records).allSatisfy(r -> {
            assertThat(r.subject()).isEqualTo(ANN);
            assertThat(r.issuer()).isEqualTo("aws:iam");
            assertThat(r.json()).contains("\"verified\":true").doesNotContain("Mallory");
        });
    }

    @Test
    void withoutAnIamIdentityTheRouteRefusesAndDecidesNothing() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(iamDecision(id, "decision=APPROVED", null), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(response.getBody()).get("outcome").asText()).isEqualTo("forbidden");
        assertThat(store.decideCalls).isZero();
        assertThat(decisions.records).as("refusals are only logged, not kept in the locked bucket").isEmpty();
    }

    @Test
    void otherMethodsAreNotAllowed() {
        APIGatewayV2HTTPResponse response = send(event("DELETE", id, null, false));

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void readsAndWritesApiGatewayPayloadVersion2() throws Exception {
        signIn();
        String json = """
                {"version":"2.0","routeKey":"POST /approvals/{id}","rawPath":"/approvals/%s","rawQueryString":"",
                 "cookies":["other=1","%s=%s"],
                 "headers":{"content-type":"application/x-www-form-urlencoded"},"pathParameters":{"id":"%s"},
                 "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.example","requestId":"r1",
                   "routeKey":"POST /approvals/{id}","stage":"$default","timeEpoch":1740823200000,"unknownField":1,
                   "http":{"method":"POST","path":"/approvals/%s","protocol":"HTTP/1.1","sourceIp":"192.0.2.1","userAgent":"test"}},
                 "body":"%s","isBase64Encoded":true}
                """.formatted(id, SessionCookies.SESSION, jar.get(SessionCookies.SESSION), id, id,
                        Base64.getEncoder().encodeToString(("decision=DENIED&csrf=" + csrf).getBytes(StandardCharsets.UTF_8)));

        APIGatewayV2HTTPResponse response = handler.handleRequest(MAPPER.readValue(json, APIGatewayV2HTTPEvent.class), null);
        JsonNode written = MAPPER.valueToTree(response);

        assertThat(written.get("statusCode").asInt()).isEqualTo(200);
        assertThat(written.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(written.at("/headers/Content-Type").asText()).isEqualTo("text/html; charset=utf-8");
        assertThat(written.get("body").asText()).contains("data-outcome=\"denied\"");
    }

    private static APIGatewayV2HTTPEvent event(String method, String id, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(method + " /approvals/{id}")
                .withRawPath("/approvals/" + id)
                .withPathParameters(id == null ? null : Map.of("id", id))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").withDomainName("abc.example")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withSourceIp("192.0.2.1")
                                .withUserAgent("test-agent").build()).build())
                .withBody(body)
                .withIsBase64Encoded(base64)
                .build();
    }
}
