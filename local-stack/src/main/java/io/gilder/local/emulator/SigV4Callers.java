package io.gilder.local.emulator;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * What API Gateway does for a route with {@code AWS_IAM} authorization, for the credentials the local stack handed out:
 * it checks the request's Signature Version 4 (recomputed with the SDK's own signer over the headers the caller signed,
 * at the caller's timestamp, within five minutes of now) and names the caller as API Gateway does
 * ({@code requestContext.authorizer.iam}). Unknown keys, bad signatures and stale requests are refused.
 */
public final class SigV4Callers {

    /** A principal the local stack issued credentials to. */
    public record Caller(String accessKeyId, String secretAccessKey, String sessionToken, String accountId, String userArn, String userId) {}

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();

    public void add(Caller caller) {
        callers.put(caller.accessKeyId(), caller);
    }

    /** The verified caller of this request, or empty when API Gateway would answer 403. */
    public Optional<Caller> verify(String method, URI uri, Headers headers, byte[] body) {
        String authorization = headers.getFirst("Authorization");
        String amzDate = headers.getFirst("X-Amz-Date");
        Matcher m = authorization == null || amzDate == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        Caller caller = callers.get(m.group(1));
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (RuntimeException notADate) {
            return Optional.empty();
        }
        if (caller == null || Duration.between(signedAt, Instant.now()).abs().compareTo(SKEW) > 0
                || !amzDate.startsWith(m.group(2))) {
            return Optional.empty();
        }
        String host = headers.getFirst("Host");
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).protocol("http")
                .host(host.contains(":") ? host.substring(0, host.indexOf(':')) : host)
                .port(host.contains(":") ? Integer.parseInt(host.substring(host.indexOf(':') + 1)) : 80)
                .encodedPath(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.appendRawQueryParameter(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        for (String name : List.of(m.group(5).split(";"))) {
            if (!name.equals("host") && !name.equals("x-amz-date") && !name.equals("x-amz-security-token") && headers.containsKey(name)) {
                request.putHeader(name, headers.get(name));
            }
        }
        AwsCredentialsIdentity identity = caller.sessionToken() == null
                ? AwsCredentialsIdentity.create(caller.accessKeyId(), caller.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(caller.accessKeyId(), caller.secretAccessKey(), caller.sessionToken());
        String region = m.group(3);
        String service = m.group(4);
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), authorization.getBytes(StandardCharsets.UTF_8))
                ? Optional.of(caller) : Optional.empty();
    }
}
