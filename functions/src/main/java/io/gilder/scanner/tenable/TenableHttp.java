package io.gilder.scanner.tenable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.ScannerAuthenticationException;
import io.gilder.error.ScannerBusyException;
import io.gilder.error.ScannerRejectedException;
import io.gilder.error.ScannerResponseException;
import io.gilder.error.ScannerUnavailableException;
import io.gilder.scan.ApiKeys;
import io.gilder.scan.CredentialStore;
import io.gilder.scanner.ScannerHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends Tenable Vulnerability Management API requests: JSON bodies, the {@code X-ApiKeys} header built
 * from the secret's key pair (never logged), and Tenable's failures turned into Gilder's scanner errors.
 * Never sleeps and never retries: a 429 becomes a retryable {@link ScannerBusyException} whose message
 * carries Tenable's {@code Retry-After}, and the state machine's Retry waits (its 30-60 s interval covers
 * Tenable's usual hint of 30 s, and further attempts back off).
 */
final class TenableHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Tenable asks integrations to name themselves in the User-Agent. */
    static final String USER_AGENT = "Integration/1.0 (Gilder; Golden AMI pipeline; Build/1)";

    private final HttpClient http;
    private final TenableSettings settings;
    private final CredentialStore credentials;

    TenableHttp(HttpClient http, TenableSettings settings, CredentialStore credentials) {
        this.http = http;
        this.settings = settings;
        this.credentials = credentials;
    }

    /** Sends {@code call} to {@code path} with the JSON {@code body} (null: none) and reads the 2xx answer as JSON. */
    JsonNode json(TenableCall call, String path, Object body) {
        byte[] answer = bytes(call, path, body);
        try {
            JsonNode json = JSON.readTree(answer);
            if (json == null || json.isMissingNode()) {
                throw new ScannerResponseException(call + " answered an empty body instead of JSON", null);
            }
            return json;
        } catch (IOException e) {
            throw new ScannerResponseException(call + " answered malformed JSON: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Sends {@code call} to {@code path} with the JSON {@code body} (null: none) and returns the body of the 2xx answer. */
    byte[] bytes(TenableCall call, String path, Object body) {
        String secretArn = settings.credentialsSecretArnOrFail();
        ApiKeys keys = credentials.apiKeys(secretArn);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + path))
                .timeout(settings.requestTimeout())
                .header("X-ApiKeys", "accessKey=" + keys.accessKey() + ";secretKey=" + keys.secretKey() + ";")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (body != null) {
            request.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofByteArray(write(body)));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return checked(call, secretArn, ScannerHttp.exchange(http, request.build(), call));
    }

    /**
     * Sends {@code call} to {@code path} without a body and answers its HTTP status: a 2xx or one of {@code accepted}
     * (e.g. 404 of a scan already deleted); any other status is the error {@link #bytes} raises.
     */
    int status(TenableCall call, String path, java.util.Set<Integer> accepted) {
        String secretArn = settings.credentialsSecretArnOrFail();
        ApiKeys keys = credentials.apiKeys(secretArn);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + path))
                .timeout(settings.requestTimeout())
                .header("X-ApiKeys", "accessKey=" + keys.accessKey() + ";secretKey=" + keys.secretKey() + ";")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> response = ScannerHttp.exchange(http, request, call);
        if (accepted.contains(response.statusCode())) {
            return response.statusCode();
        }
        checked(call, secretArn, response);
        return response.statusCode();
    }

    private byte[] checked(TenableCall call, String secretArn, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        if (status == 401) {
            credentials.forget(secretArn);
            throw new ScannerAuthenticationException(call + " was refused (HTTP 401): Tenable rejected the API keys in secret "
                    + secretArn + " (wrong, deleted or disabled keys, or a user without API access)");
        }
        String detail = detail(response.body());
        if (status == 429) {
            String wait = response.headers().firstValue("Retry-After").map(v -> "; Retry-After: " + v + " s").orElse("");
            throw new ScannerBusyException(call + " was rate-limited by Tenable (HTTP 429)" + wait);
        }
        if (status >= 500) {
            throw new ScannerUnavailableException(call + " failed on the Tenable side (HTTP " + status + ", " + detail + ")", null);
        }
        throw new ScannerRejectedException(call + " was rejected (HTTP " + status + ", " + detail + ")");
    }

    /** Tenable's error text ({@code message} or {@code error} of its JSON error document), for people. */
    private static String detail(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : new String[] {"message", "error"}) {
                if (json != null && json.path(field).isTextual()) {
                    return json.path(field).asText();
                }
            }
        } catch (IOException notJson) {
            // e.g. the HTML page of a gateway error
        }
        return "no Tenable error document";
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Tenable request body: " + e.getOriginalMessage(), e);
        }
    }
}
