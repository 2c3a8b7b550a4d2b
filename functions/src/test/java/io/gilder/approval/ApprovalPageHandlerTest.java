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
    private final ApprovalPageHandler handler = new ApprovalPageHandler(new ApprovalDesk(store, callback, clock), links, decisions, clock);
    private final String id = Approvals.newId();

    @BeforeEach
    void storeOne() {
        store.create(Approvals.pending(id), TOKEN);
    }

    @Test
    void getShowsTheApprovalAndChangesNothing() {
        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event("GET", id, null, false), null);
            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
            assertThat(response.getBody()).contains("data-outcome=\"open\"", "name=\"approver\"").doesNotContain(TOKEN);
        }
        assertThat(store.decideCalls).isZero();
        assertThat(callback.answers).isEmpty();
    }

    @Test
    void eachViewLinksTheEvidenceAfreshForAShortWhileInsteadOfNamingTheBucket() {
        String first = handler.handleRequest(event("GET", id, null, false), null).getBody();
        String second = handler.handleRequest(event("GET", id, null, false), null).getBody();

        assertThat(linked).containsExactly("s3://evidence/AmazonLinux-2023/WebServer-1.0/7/findings.json",
                "s3://evidence/AmazonLinux-2023/WebServer-1.0/7/findings.json");
        assertThat(first).contains("id=\"evidence-link\" href=\"https://evidence.s3.amazonaws.com/findings.json?X-Amz-Expires=900&amp;X-Amz-Signature=1\"")
                .contains("works for 15 minutes").doesNotContain("s3://");
        assertThat(second).contains("X-Amz-Signature=2");
    }

    @Test
    void aBase64EncodedPostDecidesAndAnswersTheTask() throws Exception {
        String form = "approver=Ann+Smith&comment=ship+it&decision=APPROVED";

        APIGatewayV2HTTPResponse response = handler.handleRequest(
                event("POST", id, Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)), true), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("data-outcome=\"approved\"", "Approved by Ann Smith").doesNotContain(TOKEN);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(callback.answers).hasSize(1);
        JsonNode answer = MAPPER.readTree(callback.answers.get(0).outputJson());
        assertThat(answer.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(answer.get("approver").asText()).isEqualTo("Ann Smith");
        assertThat(answer.get("comment").asText()).isEqualTo("ship it");
        assertThat(answer.get("decidedAt").asText()).isEqualTo("2025-03-01T12:00:00Z");
    }

    @Test
    void aSecondPostIsAConflictAndChangesNothing() {
        handler.handleRequest(event("POST", id, "approver=Ann&decision=DENIED", false), null);

        APIGatewayV2HTTPResponse second = handler.handleRequest(event("POST", id, "approver=Bob&decision=APPROVED", false), null);

        assertThat(second.getStatusCode()).isEqualTo(409);
        assertThat(second.getBody()).contains("already denied by Ann");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(callback.answers).hasSize(1);
    }

    @Test
    void expiredUnknownAndGarbledLinksGetTheirOwnPages() {
        assertThat(handler.handleRequest(event("GET", Approvals.newId(), null, false), null).getStatusCode()).isEqualTo(404);
        assertThat(handler.handleRequest(event("POST", id + "x", "approver=Ann&decision=APPROVED", false), null).getStatusCode())
                .isEqualTo(400);
        assertThat(handler.handleRequest(event("GET", null, null, false), null).getStatusCode()).isEqualTo(400);
        clock.set(Approvals.EXPIRES);
        assertThat(handler.handleRequest(event("POST", id, "approver=Ann&decision=APPROVED", false), null).getStatusCode())
                .isEqualTo(410);
        assertThat(callback.answers).isEmpty();
        assertThat(store.decideCalls).isZero();
    }

    @Test
    void anUnreachableStepFunctionsKeepsTheDecisionAndOffersToDeliverItAgain() {
        callback.failWith(new AwsTransientException("Step Functions SendTaskSuccess could not reach AWS", null));
        callback.deliveryFailure = new AwsTransientException("Step Functions GetExecutionHistory could not reach AWS", null);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", id, "approver=Ann&decision=APPROVED", false), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("data-outcome=\"undelivered\"", "name=\"deliver\" value=\"again\"")
                .doesNotContain("name=\"approver\"");
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);

        callback.failWith(null);
        callback.deliveryFailure = null;
        APIGatewayV2HTTPResponse again = handler.handleRequest(event("POST", id, "deliver=again", false), null);

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
            public Decided decide(String approvalId, ApprovalDecision.Vote vote, java.time.Instant at) {
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

        APIGatewayV2HTTPResponse response = new ApprovalPageHandler(broken, links, decisions, clock).handleRequest(event("GET", id, null, false), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("data-outcome=\"failed\"")
                .doesNotContain("IllegalStateException", "GILDER_APPROVALS_TABLE", "at io.gilder");
    }

    @Test
    void everyViewAndDecisionIsLoggedWithWhereItCameFromAndNeverTheLinksId() {
        handler.handleRequest(event("GET", id, null, false), null);
        handler.handleRequest(event("POST", id, "approver=Ann&decision=APPROVED&comment=ok", false), null);
        handler.handleRequest(event("POST", id, "approver=Bob&decision=DENIED", false), null);
        handler.handleRequest(event("GET", "tampered", null, false), null);

        // Kept in the decision log: the view, each submission before it may change anything, and the decision before
        // it is delivered; the refused second decision ends at its submission, the malformed link is only logged.
        assertThat(decisions.records).extracting(AuditRecord::action, AuditRecord::outcome, AuditRecord::claimedApprover)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("view", "open", null),
                        org.assertj.core.groups.Tuple.tuple("decide", "submitted", "Ann"),
                        org.assertj.core.groups.Tuple.tuple("decide", "approved", "Ann"),
                        org.assertj.core.groups.Tuple.tuple("decide", "submitted", "Bob"));
        AuditRecord decision = decisions.records.get(2);
        assertThat(decision.approval()).isEqualTo(ApprovalIds.reference(id));
        assertThat(decision.at()).isEqualTo(clock.instant());
        assertThat(decision.sourceIp()).isEqualTo("192.0.2.1");
        assertThat(decision.userAgent()).isEqualTo("test-agent");
        assertThat(decision.requestId()).isEqualTo("req-1");
        assertThat(decision.json()).contains("\"verified\":false", "\"claimedApprover\":\"Ann\"").doesNotContain(id, TOKEN);
    }

    @Test
    void nothingIsDecidedThatTheDecisionLogCannotKeep() {
        decisions.failWith(new IllegalStateException("S3 unreachable"));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("POST", id, "approver=Ann&decision=APPROVED", false), null);

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
            assertThat(r.claimedApprover()).isNull();
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
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("DELETE", id, null, false), null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void readsAndWritesApiGatewayPayloadVersion2() throws Exception {
        String json = """
                {"version":"2.0","routeKey":"POST /approvals/{id}","rawPath":"/approvals/%s","rawQueryString":"",
                 "headers":{"content-type":"application/x-www-form-urlencoded"},"pathParameters":{"id":"%s"},
                 "requestContext":{"accountId":"123456789012","apiId":"abc","domainName":"abc.example","requestId":"r1",
                   "routeKey":"POST /approvals/{id}","stage":"$default","timeEpoch":1740823200000,"unknownField":1,
                   "http":{"method":"POST","path":"/approvals/%s","protocol":"HTTP/1.1","sourceIp":"192.0.2.1","userAgent":"test"}},
                 "body":"%s","isBase64Encoded":true}
                """.formatted(id, id, id, Base64.getEncoder().encodeToString("approver=Ann&decision=DENIED".getBytes(StandardCharsets.UTF_8)));

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
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withSourceIp("192.0.2.1")
                                .withUserAgent("test-agent").build()).build())
                .withBody(body)
                .withIsBase64Encoded(base64)
                .build();
    }
}
