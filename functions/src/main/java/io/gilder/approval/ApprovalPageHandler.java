package io.gilder.approval;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.gilder.error.GilderException;
import jakarta.inject.Named;
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

    ApprovalPageHandler(ApprovalDesk desk, EvidenceLinks links) {
        this.desk = desk;
        this.links = links;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApprovalPages.Page page;
        try {
            page = respond(method(event), approvalId(event), event);
        } catch (GilderException e) {
            LOG.warnf("Approval page unavailable: %s", e.getMessage());
            page = ApprovalPages.unavailable();
        } catch (RuntimeException e) {
            // A defect: the log keeps the trace for the operator; the page shows nothing of it to the visitor.
            LOG.error("Approval page failed", e);
            page = ApprovalPages.failed();
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status()).withHeaders(page.headers())
                .withBody(page.html()).withIsBase64Encoded(false).build();
    }

    private ApprovalPages.Page respond(String method, String approvalId, APIGatewayV2HTTPEvent event) {
        if ("GET".equals(method)) {
            return ApprovalPages.render(desk.show(approvalId), links);
        }
        if ("POST".equals(method)) {
            Map<String, String> form = FormBody.parse(event.getBody(), event.getIsBase64Encoded());
            if ("again".equals(form.get("deliver"))) {
                return ApprovalPages.render(desk.redeliver(approvalId), links);
            }
            return ApprovalPages.render(desk.decide(approvalId, form.get("decision"), form.get("approver"), form.get("comment")), links);
        }
        return ApprovalPages.methodNotAllowed();
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null ? "" : context.getHttp().getMethod();
    }

    private static String approvalId(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get("id");
    }
}
