package io.gilder.scanner.qualys;

import io.gilder.error.ScannerAuthenticationException;
import io.gilder.error.ScannerBusyException;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerUnavailableException;
import io.gilder.scan.BasicCredentials;
import io.gilder.scan.CredentialStore;
import io.gilder.scanner.ScannerHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends Qualys API v2 requests: form parameters, the {@code X-Requested-With} header Qualys requires,
 * HTTP Basic credentials from the secret (never logged), and Qualys' failures turned into Gilder's
 * scanner errors. Never sleeps and never retries: the state machine retries what is retryable.
 */
final class QualysHttp {

    static final String REQUESTED_WITH = "Gilder golden AMI pipeline";
    /** Qualys error codes of a request blocked by the concurrency limit (1920, 1960) or the rate limit (1965). */
    static final Set<String> BUSY_CODES = Set.of("1920", "1960", "1965");
    private static final List<String> LIMIT_HEADERS = List.of("X-Concurrency-Limit-Limit", "X-Concurrency-Limit-Running",
            "X-RateLimit-ToWait-Sec", "Retry-After");

    private final HttpClient http;
    private final QualysSettings settings;
    private final CredentialStore credentials;

    QualysHttp(HttpClient http, QualysSettings settings, CredentialStore credentials) {
        this.http = http;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** Sends {@code call} with {@code params} (besides {@code action}) and returns the body of a 2xx answer. */
    byte[] send(QualysCall call, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("action", call.action());
        all.putAll(params);
        String form = all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        String secretArn = settings.credentialsSecretArnOrFail();
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(settings.requestTimeout())
                .header("X-Requested-With", REQUESTED_WITH)
                .header("Authorization", basic(credentials.basic(secretArn)));
        if ("POST".equals(call.method())) {
            request.uri(URI.create(base + call.path()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.uri(URI.create(base + call.path() + "?" + form)).GET();
        }
        HttpResponse<byte[]> response = ScannerHttp.exchange(http, request.build(), call);
        return checked(call, secretArn, response);
    }

    private byte[] checked(QualysCall call, String secretArn, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        Optional<SimpleReturn> error = QualysResponses.simpleReturn(response.body());
        String detail = error.map(SimpleReturn::describe).orElse("no Qualys error document");
        if (status == 401) {
            credentials.forget(secretArn);
            throw new ScannerAuthenticationException(call + " was refused (HTTP 401): Qualys rejected the user name and "
                    + "password in secret " + secretArn + ", or the user lacks API access");
        }
        if (status == 409 || error.map(SimpleReturn::code).filter(BUSY_CODES::contains).isPresent()) {
            throw new ScannerBusyException(call + " was blocked by a Qualys API limit (HTTP " + status + ", " + detail + ")"
                    + limitHints(response, error));
        }
        if (status >= 500) {
            throw new ScannerUnavailableException(call + " failed on the Qualys side (HTTP " + status + ", " + detail + ")", null);
        }
        throw new ScannerRejectedException(call + " was rejected (HTTP " + status + ", " + detail + ")");
    }

    /** What Qualys said about its limits and how long to wait; information for people, never acted on here. */
    private static String limitHints(HttpResponse<byte[]> response, Optional<SimpleReturn> error) {
        List<String> hints = new ArrayList<>();
        for (String header : LIMIT_HEADERS) {
            response.headers().firstValue(header).ifPresent(v -> hints.add(header + ": " + v));
        }
        error.map(e -> e.items().get("SECONDS_TO_WAIT")).ifPresent(v -> hints.add("SECONDS_TO_WAIT: " + v));
        return hints.isEmpty() ? "" : "; " + String.join(", ", hints);
    }

    private static String basic(BasicCredentials c) {
        String pair = c.username() + ":" + c.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
