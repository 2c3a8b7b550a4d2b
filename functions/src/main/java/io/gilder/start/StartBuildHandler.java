package io.gilder.start;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.gilder.error.GilderException;
import io.gilder.error.InvalidRequestException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code POST /builds[?name=...]} (API Gateway HTTP API, {@code AWS_IAM} authorization): starts a build with the JSON
 * body as its input, recording the caller's verified IAM identity as its starter. Answers JSON.
 */
@Named("start-build")
public class StartBuildHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(StartBuildHandler.class);

    private final BuildStarts starts;

    @Inject
    StartBuildHandler(BuildStarts starts) {
        this.starts = starts;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var authorizer = event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
        String caller = authorizer == null || authorizer.getIam() == null ? null : authorizer.getIam().getUserArn();
        if (caller == null || caller.isBlank()) {
            return json(403, "{\"message\":\"this route needs the caller's IAM identity (AWS_IAM authorization)\"}");
        }
        try {
            String body = event.getBody() == null ? null : event.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
            String name = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("name");
            BuildStarts.Started started = starts.start(caller, body, name);
            LOG.infof("Build %s started by %s", started.name(), started.startedBy());
            return json(200, "{\"executionArn\":" + quote(started.executionArn()) + ",\"startedBy\":" + quote(started.startedBy()) + "}");
        } catch (InvalidRequestException e) {
            return json(400, "{\"message\":" + quote(e.getMessage()) + "}");
        } catch (GilderException e) {
            LOG.warnf("Build not started: %s", e.getMessage());
            return json(503, "{\"message\":\"the build could not be started now; nothing was started\"}");
        } catch (RuntimeException e) {
            LOG.error("Build start failed", e);
            return json(500, "{\"message\":\"the build could not be started\"}");
        }
    }

    private static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store")).withBody(body)
                .withIsBase64Encoded(false).build();
    }

    private static String quote(String value) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value).toString();
    }
}
