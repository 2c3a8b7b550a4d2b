package io.gilder.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.gilder.error.GilderException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The approval page behind the e-mailed link (API Gateway HTTP API, payload 2.0):
 * {@code GET /approvals/{id}} shows the request and changes nothing; {@code POST /approvals/{id}}
 * with the form decides it once and answers the waiting build; {@code deliver=again} sends a recorded decision whose
 * delivery was uncertain once more.
 */
@Named("approval-page")
public class ApprovalPageHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(ApprovalPageHandler.class);

    private final ApprovalDesk desk;
    private final EvidenceLinks links;
    private final DecisionLog log;
    private final Clock clock;

    @Inject
    ApprovalPageHandler(ApprovalDesk desk, EvidenceLinks links, DecisionLog log) {
        this(desk, links, log, Clock.systemUTC());
    }

    ApprovalPageHandler(ApprovalDesk desk, EvidenceLinks links, DecisionLog log, Clock clock) {
        this.desk = desk;
        this.links = links;
        this.log = log;
        this.clock = clock;
    }

    /** The IAM-authenticated route (AWS_IAM authorization, SigV4): the approver's own IAM identity decides. */
    static final String IAM_ROUTE = "POST /approvals/{id}/decision";
    /** The issuer recorded for IAM identities. */
    static final String IAM_ISSUER = "aws:iam";

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (IAM_ROUTE.equals(event.getRouteKey())) {
            return decideAsIamCaller(event);
        }
        ApprovalPages.Page page;
        Map<String, String> form = Map.of();
        try {
            if ("POST".equals(method(event))) {
                form = FormBody.parse(event.getBody(), event.getIsBase64Encoded());
            }
            page = respond(method(event), approvalId(event), form);
        } catch (GilderException e) {
            LOG.warnf("Approval page unavailable: %s", e.getMessage());
            page = ApprovalPages.unavailable();
        } catch (RuntimeException e) {
            // A defect: the log keeps the trace for the operator; the page shows nothing of it to the visitor.
            LOG.error("Approval page failed", e);
            page = ApprovalPages.failed();
        }
        audit(event, form, page, null, null);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status()).withHeaders(page.headers())
                .withBody(page.html()).withIsBase64Encoded(false).build();
    }

    private ApprovalPages.Page respond(String method, String approvalId, Map<String, String> form) {
        if ("GET".equals(method)) {
            return ApprovalPages.render(desk.show(approvalId), links);
        }
        if ("POST".equals(method)) {
            if ("again".equals(form.get("deliver"))) {
                return ApprovalPages.render(desk.redeliver(approvalId), links);
            }
            return ApprovalPages.render(desk.decide(approvalId, form.get("decision"), form.get("approver"), form.get("comment")), links);
        }
        return ApprovalPages.methodNotAllowed();
    }

    /**
     * Every view and decision goes to the function's structured log and to the decision log. A record that cannot be
     * kept is logged as an error (the log line still holds it); the page, whose decision is already made, stands.
     */
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
        if (caller == null || caller.isBlank()) {
            page = new ApprovalPages.Page(403, Map.of(), "", "forbidden");
        } else {
            try {
                form = FormBody.parse(event.getBody(), event.getIsBase64Encoded());
                page = ApprovalPages.render(desk.decide(approvalId(event), form.get("decision"), caller, form.get("comment")));
            } catch (GilderException e) {
                LOG.warnf("Approval decision unavailable: %s", e.getMessage());
                page = ApprovalPages.unavailable();
            } catch (RuntimeException e) {
                LOG.error("Approval decision failed", e);
                page = ApprovalPages.failed();
            }
        }
        audit(event, form, page, caller, caller == null ? null : IAM_ISSUER);
        String id = approvalId(event);
        String body = "{\"outcome\":" + JsonText.quote(page.outcome()) + ",\"approval\":"
                + JsonText.quote(ApprovalIds.isWellFormed(id) ? ApprovalIds.reference(id) : null) + ",\"approver\":" + JsonText.quote(caller)
                + (page.outcome().equals("forbidden") ? ",\"message\":\"this route needs the caller's IAM identity (AWS_IAM authorization)\"" : "")
                + "}";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status())
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store")).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    private void audit(APIGatewayV2HTTPEvent event, Map<String, String> form, ApprovalPages.Page page, String subject, String issuer) {
        String method = method(event);
        String action = switch (method) {
            case "GET" -> "view";
            case "POST" -> "again".equals(form.get("deliver")) ? "redeliver" : "decide";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        String id = approvalId(event);
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        AuditRecord record = new AuditRecord(clock.instant(), context == null ? null : context.getRequestId(), action,
                ApprovalIds.isWellFormed(id) ? ApprovalIds.reference(id) : null, page.outcome(), page.status(), subject, null, issuer,
                "decide".equals(action) && subject == null ? form.get("approver") : null, http == null ? null : http.getSourceIp(),
                http == null ? null : http.getUserAgent());
        LOG.info(record.json());
        try {
            log.append(record);
        } catch (RuntimeException e) {
            LOG.errorf("The decision log could not keep request %s: %s", record.requestId(), e.getMessage());
        }
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
    }

    private static String approvalId(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get("id");
    }
}
