package io.gilder.local.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API route from the template ({@code Events: Type: HttpApi}), e.g. {@code GET /approvals/{id}}; {@code iam} when
 * the route has {@code Auth: Authorizer: AWS_IAM} (the gateway then requires a valid Signature Version 4).
 */
public record HttpRoute(String method, String path, String function, boolean iam) {

    /** A route without authorization. */
    public HttpRoute(String method, String path, String function) {
        this(method, path, function, false);
    }

    /** The path parameters when {@code requestPath} matches this route's path template. */
    Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equalsIgnoreCase(requestMethod) && !method.equalsIgnoreCase("ANY")) {
            return Optional.empty();
        }
        Matcher names = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}").matcher(path);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        java.util.List<String> params = new java.util.ArrayList<>();
        while (names.find()) {
            regex.append(Pattern.quote(path.substring(last, names.start())));
            regex.append(names.group().endsWith("+}") ? "(.+)" : "([^/]+)");
            params.add(names.group(1));
            last = names.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        Matcher m = Pattern.compile(regex.toString()).matcher(requestPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            values.put(params.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(values);
    }

    String routeKey() {
        return method + " " + path;
    }
}
