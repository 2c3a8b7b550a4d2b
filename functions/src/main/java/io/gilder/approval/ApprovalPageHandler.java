package io.gilder.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.gilder.error.GilderException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The approval page behind the e-mailed link (API Gateway HTTP API, payload 2.0). Only a signed-in approver sees or
 * decides anything: {@code GET /approvals/{id}} without a session sends the browser to the identity provider
 * ({@link SignInDesk}), whose return, {@code GET /approvals/signed-in}, opens a short session; with one, the GET shows the
 * request and changes nothing, and {@code POST /approvals/{id}} with the form and the session's CSRF token decides it
 * once in the approver's verified name and answers the waiting build ({@code deliver=again} sends a recorded decision
 * whose delivery was uncertain once more). {@code POST /approvals/{id}/decision} is the IAM-authenticated route.
 */
@Named("approval-page")
public class ApprovalPageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(ApprovalPageHandler.class);

    private final ApprovalDesk desk;
    private final SignInDesk signIns;
    private final EvidenceLinks links;
    private final DecisionLog log;
    private final Clock clock;

    @Inject
    ApprovalPageHandler(ApprovalDesk desk, SignInDesk signIns, EvidenceLinks links, DecisionLog log) {
        this(desk, signIns, links, log, Clock.systemUTC());
    }

    ApprovalPageHandler(ApprovalDesk desk, SignInDesk signIns, EvidenceLinks links, DecisionLog log, Clock clock) {
        this.desk = desk;
        this.signIns = signIns;
        this.links = links;
        this.log = log;
        this.clock = clock;
    }

    /** Where the identity provider sends the browser back (the callback registered with it). */
    static final String SIGNED_IN_ROUTE = "GET /approvals/signed-in";
    static final String SIGNED_IN_PATH = "/approvals/signed-in";

    /** The IAM-authenticated route (AWS_IAM authorization, SigV4): the approver's own IAM identity decides. */
    static final String IAM_ROUTE = "POST /approvals/{id}/decision";
    /** The issuer recorded for IAM identities. */
    static final String IAM_ISSUER = "aws:iam";

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (IAM_ROUTE.equals(event.getRouteKey())) {
            return decideAsIamCaller(event);
        }
        if (SIGNED_IN_ROUTE.equals(event.getRouteKey())) {
            return finishSignIn(event);
        }
        ApprovalPages.Page page;
        Map<String, String> form = Map.of();
        Approver approver = null;
        List<String> cookies = List.of();
        try {
            if ("POST".equals(method(event))) {
                form = FormBody.parse(event.getBody(), event.getIsBase64Encoded());
            }
            String approvalId = approvalId(event);
            ApproverSessions.Session session = ApprovalIds.isWellFormed(approvalId)
                    ? signIns.session(SessionCookies.value(event.getCookies(), SessionCookies.SESSION)).orElse(null) : null;
            approver = session == null ? null : session.approver();
            if (!"GET".equals(method(event)) && !"POST".equals(method(event))) {
                page = ApprovalPages.methodNotAllowed();
            } else if (!ApprovalIds.isWellFormed(approvalId)) {
                page = ApprovalPages.render(desk.show(approvalId), links); // says the link is not valid; no sign-in for it
            } else if (session == null && "GET".equals(method(event))) {
                SignInDesk.Started started = signIns.begin(redirectUri(event));
                cookies = List.of(SessionCookies.signIn(started.state(), approvalId));
                page = ApprovalPages.signIn(started.authorizationUrl());
            } else if (session == null) {
                page = ApprovalPages.signedOut();
            } else if ("POST".equals(method(event)) && !SignInDesk.csrfMatches(session, form.get("csrf"))) {
                page = ApprovalPages.forgedForm();
            } else {
                page = onRecord(event, form, approver) ? respond(event, approvalId, form, session) : ApprovalPages.unavailable();
            }
        } catch (GilderException e) {
            LOG.warnf("Approval page unavailable: %s", e.getMessage());
            page = ApprovalPages.unavailable();
        } catch (ApproverSignIn.Refused e) {
            // Beginning a sign-in fails this way only when the provider cannot be reached or is not configured.
            LOG.warnf("Approver sign-in could not begin: %s", e.getMessage());
            page = ApprovalPages.unavailable();
        } catch (RuntimeException e) {
            // A defect: the log keeps the trace for the operator; the page shows nothing of it to the visitor.
            LOG.error("Approval page failed", e);
            page = ApprovalPages.failed();
        }
        audit(event, form, page, approver);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status()).withHeaders(page.headers()).withCookies(cookies)
                .withBody(page.html()).withIsBase64Encoded(false).build();
    }

    private ApprovalPages.Page respond(APIGatewayV2HTTPEvent event, String approvalId, Map<String, String> form,
            ApproverSessions.Session session) {
        ApprovalPages.Viewer viewer = new ApprovalPages.Viewer(session.approver(), session.csrfToken());
        if ("GET".equals(method(event))) {
            return ApprovalPages.render(desk.show(approvalId), links, viewer);
        }
        Approver approver = session.approver();
        if ("again".equals(form.get("deliver"))) {
            return ApprovalPages.render(desk.redeliver(approvalId, recorder(event, form, approver)), links, viewer);
        }
        return ApprovalPages.render(desk.decide(approvalId, form.get("decision"), approver, form.get("comment"),
                recorder(event, form, approver)), links, viewer);
    }

    /**
     * The identity provider's return ({@code ?code=...&state=...}): in the browser that began the sign-in (its sign-in
     * cookie holds the same state), the code becomes a verified approver and a session cookie. Anything else refuses and
     * opens no session.
     */
    private APIGatewayV2HTTPResponse finishSignIn(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        String cookie = SessionCookies.value(event.getCookies(), SessionCookies.SIGN_IN);
        String approvalId = SessionCookies.signInApproval(cookie);
        ApprovalPages.Page page;
        Approver approver = null;
        List<String> cookies = new ArrayList<>(List.of(SessionCookies.cleared(SessionCookies.SIGN_IN)));
        try {
            if (query.containsKey("error")) {
                // The provider's own refusal (e.g. access_denied); its description is the provider's, shown escaped.
                throw new ApproverSignIn.Refused("the identity provider answered " + query.get("error")
                        + (query.get("error_description") == null ? "" : " (" + query.get("error_description") + ")") + ".");
            }
            if (!ApprovalIds.isWellFormed(approvalId)) {
                throw new ApproverSignIn.Refused("this browser did not start a sign-in from an approval link; open the e-mailed link again.");
            }
            SignInDesk.SignedIn signedIn = signIns.finish(query.get("code"), query.get("state"), SessionCookies.signInState(cookie));
            approver = signedIn.session().approver();
            cookies.add(SessionCookies.session(signedIn.sessionId()));
            page = ApprovalPages.signedIn(approver, approvalId);
        } catch (ApproverSignIn.Refused e) {
            LOG.warnf("Approver sign-in refused: %s", e.getMessage());
            page = ApprovalPages.signInRefused(e.getMessage());
        } catch (GilderException e) {
            LOG.warnf("Approver sign-in unavailable: %s", e.getMessage());
            page = ApprovalPages.unavailable();
        } catch (RuntimeException e) {
            LOG.error("Approver sign-in failed", e);
            page = ApprovalPages.failed();
        }
        AuditRecord record = new AuditRecord(clock.instant(), requestId(event), "sign-in",
                ApprovalIds.isWellFormed(approvalId) ? ApprovalIds.reference(approvalId) : null, page.outcome(), page.status(),
                approver == null ? null : approver.subject(), approver == null ? null : approver.email(),
                approver == null ? null : approver.issuer(), sourceIp(event), userAgent(event));
        LOG.info(record.json());
        if (record.approval() != null) {
            try {
                log.append(record);
            } catch (RuntimeException e) {
                LOG.errorf("The decision log could not keep request %s: %s", record.requestId(), e.getMessage());
            }
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status()).withHeaders(page.headers()).withCookies(cookies)
                .withBody(page.html()).withIsBase64Encoded(false).build();
    }

    /**
     * The callback on the host the browser used: API Gateway names it ({@code domainName}) and says the scheme
     * ({@code x-forwarded-proto}, https unless it says http). The provider accepts only the callback registered for this
     * client, so a request naming another host only fails its sign-in.
     */
    private static String redirectUri(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        String host = context == null ? null : context.getDomainName();
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("API Gateway passed no domainName, so the sign-in callback is unknown");
        }
        String proto = event.getHeaders() == null ? null : event.getHeaders().get("x-forwarded-proto");
        return ("http".equals(proto) ? "http" : "https") + "://" + host + SIGNED_IN_PATH;
    }

    /**
     * {@code POST /approvals/{id}/decision} with {@code decision=APPROVED|DENIED[&comment=...]}: API Gateway verified the
     * caller's SigV4 signature and passes their IAM identity, which decides (never a form field). Without that identity
     * the route refuses (fail closed, e.g. a route deployed without AWS_IAM). Answers JSON.
     */
    private APIGatewayV2HTTPResponse decideAsIamCaller(APIGatewayV2HTTPEvent event) {
        var authorizer = event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
        var iam = authorizer == null ? null : authorizer.getIam();
        String caller = iam == null ? null : iam.getUserArn();
        Map<String, String> form = Map.of();
        ApprovalPages.Page page;
        if (caller != null && caller.isBlank()) {
            caller = null;
        }
        if (caller == null) {
            page = new ApprovalPages.Page(403, Map.of(), "", "forbidden");
        } else {
            try {
                form = FormBody.parse(event.getBody(), event.getIsBase64Encoded());
                Approver iamCaller = new Approver(caller, null, IAM_ISSUER);
                page = onRecord(event, form, iamCaller)
                        ? ApprovalPages.render(desk.decide(approvalId(event), form.get("decision"), iamCaller, form.get("comment"),
                                recorder(event, form, iamCaller)))
                        : ApprovalPages.unavailable();
            } catch (GilderException e) {
                LOG.warnf("Approval decision unavailable: %s", e.getMessage());
                page = ApprovalPages.unavailable();
            } catch (RuntimeException e) {
                LOG.error("Approval decision failed", e);
                page = ApprovalPages.failed();
            }
        }
        audit(event, form, page, caller == null ? null : new Approver(caller, null, IAM_ISSUER));
        String id = approvalId(event);
        String body = "{\"outcome\":" + JsonText.quote(page.outcome()) + ",\"approval\":"
                + JsonText.quote(ApprovalIds.isWellFormed(id) ? ApprovalIds.reference(id) : null) + ",\"approver\":" + JsonText.quote(caller)
                + (page.outcome().equals("forbidden") ? ",\"message\":\"this route needs the caller's IAM identity (AWS_IAM authorization)\"" : "")
                + "}";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status())
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store")).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    /**
     * No decision without its record: before a POST may change anything, the decision log keeps that it was submitted
     * (outcome {@code submitted}); if it cannot, nothing is decided. A GET changes nothing and needs no such record.
     */
    private boolean onRecord(APIGatewayV2HTTPEvent event, Map<String, String> form, Approver approver) {
        if (!"POST".equals(method(event)) || !ApprovalIds.isWellFormed(approvalId(event))) {
            return true; // a GET changes nothing; a malformed id decides nothing (and is only logged, below)
        }
        AuditRecord submitted = record(event, form, "submitted", 0, approver);
        LOG.info(submitted.json());
        try {
            log.append(submitted);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf("The decision log could not keep request %s, so nothing was decided: %s", submitted.requestId(), e.getMessage());
            return false;
        }
    }

    /**
     * The decision itself, kept before it is delivered (outcome {@code approved} or {@code denied}); a failure to keep it
     * stops the delivery (the desk then reports the decision undelivered).
     */
    private ApprovalDesk.Recorder recorder(APIGatewayV2HTTPEvent event, Map<String, String> form, Approver approver) {
        return decided -> {
            String outcome = decided.status() == ApprovalStatus.PENDING ? "counted" : decided.status().name().toLowerCase(java.util.Locale.ROOT);
            AuditRecord record = record(event, form, outcome, 0, approver);
            LOG.info(record.json());
            log.append(record);
        };
    }

    /**
     * The page's outcome goes to the function's structured log; a view of a well-formed id also to the decision log (the
     * decisions are there already: submitted, then decided). Nothing is written to S3 for malformed ids, which anyone
     * can send, so that a flood of them cannot fill the locked bucket.
     */
    private void audit(APIGatewayV2HTTPEvent event, Map<String, String> form, ApprovalPages.Page page, Approver approver) {
        AuditRecord record = record(event, form, page.outcome(), page.status(), approver);
        LOG.info(record.json());
        if (!"view".equals(record.action()) || record.approval() == null) {
            return;
        }
        try {
            log.append(record);
        } catch (RuntimeException e) {
            LOG.errorf("The decision log could not keep request %s: %s", record.requestId(), e.getMessage());
        }
    }

    private AuditRecord record(APIGatewayV2HTTPEvent event, Map<String, String> form, String outcome, int status, Approver approver) {
        String method = method(event);
        String action = switch (method == null ? "" : method) {
            case "GET" -> "view";
            case "POST" -> "again".equals(form.get("deliver")) ? "redeliver" : "decide";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        String id = approvalId(event);
        return new AuditRecord(clock.instant(), requestId(event), action, ApprovalIds.isWellFormed(id) ? ApprovalIds.reference(id) : null,
                outcome, status, approver == null ? null : approver.subject(), approver == null ? null : approver.email(),
                approver == null ? null : approver.issuer(), sourceIp(event), userAgent(event));
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    private static String sourceIp(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? null : context.getHttp().getSourceIp();
    }

    private static String userAgent(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? null : context.getHttp().getUserAgent();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
    }

    private static String approvalId(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get("id");
    }
}
