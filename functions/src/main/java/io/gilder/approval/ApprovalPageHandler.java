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
            page = onRecord(event, form, null, null) ? respond(event, approvalId(event), form) : ApprovalPages.unavailable();
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

    private ApprovalPages.Page respond(APIGatewayV2HTTPEvent event, String approvalId, Map<String, String> form) {
        String method = method(event);
        if ("GET".equals(method)) {
            return ApprovalPages.render(desk.show(approvalId), links);
        }
        if ("POST".equals(method)) {
            if ("again".equals(form.get("deliver"))) {
                return ApprovalPages.render(desk.redeliver(approvalId, recorder(event, form, null, null)), links);
            }
            return ApprovalPages.render(desk.decide(approvalId, form.get("decision"), form.get("approver"), form.get("comment"),
                    recorder(event, form, null, null)), links);
        }
        return ApprovalPages.methodNotAllowed();
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
                page = onRecord(event, form, caller, IAM_ISSUER)
                        ? ApprovalPages.render(desk.decide(approvalId(event), form.get("decision"), caller, form.get("comment"),
                                recorder(event, form, caller, IAM_ISSUER)))
                        : ApprovalPages.unavailable();
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

    /**
     * No decision without its record: before a POST may change anything, the decision log keeps that it was submitted
     * (outcome {@code submitted}); if it cannot, nothing is decided. A GET changes nothing and needs no such record.
     */
    private boolean onRecord(APIGatewayV2HTTPEvent event, Map<String, String> form, String subject, String issuer) {
        if (!"POST".equals(method(event)) || !ApprovalIds.isWellFormed(approvalId(event))) {
            return true; // a GET changes nothing; a malformed id decides nothing (and is only logged, below)
        }
        AuditRecord submitted = record(event, form, "submitted", 0, subject, issuer);
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
    private ApprovalDesk.Recorder recorder(APIGatewayV2HTTPEvent event, Map<String, String> form, String subject, String issuer) {
        return decided -> {
            AuditRecord record = record(event, form, decided.status().name().toLowerCase(java.util.Locale.ROOT), 0, subject, issuer);
            LOG.info(record.json());
            log.append(record);
        };
    }

    /**
     * The page's outcome goes to the function's structured log; a view of a well-formed id also to the decision log (the
     * decisions are there already: submitted, then decided). Nothing is written to S3 for malformed ids, which anyone
     * can send, so that a flood of them cannot fill the locked bucket.
     */
    private void audit(APIGatewayV2HTTPEvent event, Map<String, String> form, ApprovalPages.Page page, String subject, String issuer) {
        AuditRecord record = record(event, form, page.outcome(), page.status(), subject, issuer);
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

    private AuditRecord record(APIGatewayV2HTTPEvent event, Map<String, String> form, String outcome, int status, String subject,
            String issuer) {
        String method = method(event);
        String action = switch (method == null ? "" : method) {
            case "GET" -> "view";
            case "POST" -> "again".equals(form.get("deliver")) ? "redeliver" : "decide";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        String id = approvalId(event);
        var context = event.getRequestContext();
        var http = context == null ? null : context.getHttp();
        return new AuditRecord(clock.instant(), context == null ? null : context.getRequestId(), action,
                ApprovalIds.isWellFormed(id) ? ApprovalIds.reference(id) : null, outcome, status, subject, null, issuer,
                "decide".equals(action) && subject == null ? form.get("approver") : null, http == null ? null : http.getSourceIp(),
                http == null ? null : http.getUserAgent());
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
    }

    private static String approvalId(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get("id");
    }
}
