package io.gilder.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HTTP API routes and API Gateway payload 2.0 responses, as the local endpoint serves them. */
class HttpRouteTest {

    private final HttpRoute route = new HttpRoute("GET", "/approvals/{id}", "ShowApprovalFunction");

    @Test
    void pathParametersAreDecodedFromMatchingPaths() {
        assertThat(route.match("GET", "/approvals/a%2Fb")).contains(Map.of("id", "a/b"));
        assertThat(route.match("POST", "/approvals/x")).isEmpty();
        assertThat(route.match("GET", "/approvals/x/y")).isEmpty();
        assertThat(route.match("GET", "/approvals")).isEqualTo(Optional.empty());
    }

    @Test
    void greedyParametersSpanSlashes() {
        assertThat(new HttpRoute("ANY", "/files/{path+}", "F").match("DELETE", "/files/a/b/c")).contains(Map.of("path", "a/b/c"));
    }

    @Test
    void aStructuredResultGivesStatusHeadersAndBody() {
        Gateway.ApiGatewayEvents.Response r = Gateway.ApiGatewayEvents.response(Json.read(
                "{\"statusCode\":410,\"headers\":{\"Content-Type\":\"text/html\"},\"body\":\"<p>gone</p>\"}"));
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.headers()).containsEntry("Content-Type", "text/html");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<p>gone</p>");
    }

    @Test
    void aBase64BodyIsDecoded() {
        Gateway.ApiGatewayEvents.Response r = Gateway.ApiGatewayEvents.response(Json.read(
                "{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void anyOtherResultIsJsonWithStatus200() {
        Gateway.ApiGatewayEvents.Response r = Gateway.ApiGatewayEvents.response(Json.read("{\"ok\":true}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }
}
