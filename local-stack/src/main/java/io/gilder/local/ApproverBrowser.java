package io.gilder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One approver's browser without a screen: follows the approval page to the local identity provider, signs in with its
 * login form, comes back and posts the page's form, keeping cookies as a browser does. It sends Secure cookies over the
 * local http:// endpoints (as browsers do for loopback hosts) and follows no redirect by itself, so every step is seen.
 */
public final class ApproverBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    /** Cookies by host, then name. */
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    /** GET {@code url} with this browser's cookies. */
    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** POST a form to {@code url} with this browser's cookies. */
    public HttpResponse<String> post(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * Opens the approval {@code link}; when it leads to the identity provider, signs in there as {@code user} with
     * {@code claimsJson} (e.g. {@code {"groups":["approvers"]}}) and follows the way back to the page. Returns the last
     * answer: the approval page, or whatever stopped the way (an invalid link, a refused sign-in).
     */
    public HttpResponse<String> signIn(String link, String user, String claimsJson) {
        HttpResponse<String> page = get(link);
        if (page.statusCode() != 302) {
            return page;
        }
        HttpResponse<String> provider = post(location(page), "username=" + enc(user) + "&claims=" + enc(claimsJson));
        if (provider.statusCode() != 302) {
            throw new IllegalStateException("the identity provider did not sign " + user + " in: " + provider.statusCode() + " " + provider.body());
        }
        HttpResponse<String> back = get(location(provider));
        if (back.statusCode() != 200) {
            return back;
        }
        return get(link); // the landing page's own navigation (meta refresh) back to the approval
    }

    /** The CSRF token of the form on {@code page}, if it shows one. */
    public static Optional<String> csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The value of cookie {@code name} this browser holds for {@code host}. */
    public Optional<String> cookie(String host, String name) {
        return Optional.ofNullable(cookies.getOrDefault(host, Map.of()).get(name));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String host = built.uri().getHost();
        Map<String, String> jar = cookies.computeIfAbsent(host, h -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            built = request.build();
        }
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            if (set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                jar.remove(pair.substring(0, eq));
            } else {
                jar.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return response;
    }

    private static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("a redirect without Location from " + response.uri()));
        return response.uri().resolve(location).toString();
    }

    static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    /** The claims of an approver with a verified e-mail in the approvers group. */
    public static String approverClaims(String email) {
        return email == null ? "{\"groups\":[\"" + LocalStack.APPROVERS_GROUP + "\"]}"
                : "{\"email\":\"" + email + "\",\"email_verified\":true,\"groups\":[\"" + LocalStack.APPROVERS_GROUP + "\"]}";
    }
}
