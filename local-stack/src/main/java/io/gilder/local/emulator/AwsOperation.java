package io.gilder.local.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which AWS API call an HTTP request is, e.g. {@code ec2:DescribeImages}, read off the wire the way
 * AWS does: the service from the SigV4 credential scope, the operation from {@code X-Amz-Target}
 * (JSON protocols), the {@code Action} form field (query protocols) or the method and path (REST).
 *
 * @param protocol how the service encodes errors: {@code ec2}, {@code query}, {@code json}, {@code rest-xml}, {@code rest-json}
 */
public record AwsOperation(String service, String operation, String protocol) {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");
    /** The inspector2 operations the local stack routes or faults, by their REST path (all are POSTs). */
    private static final Map<String, String> INSPECTOR2 = Map.of("/status/batch/get", "BatchGetAccountStatus",
            "/coverage/list", "ListCoverage", "/findings/list", "ListFindings", "/enable", "Enable", "/disable", "Disable");

    /** {@code service:Operation}, the form fault rules and the call log use. */
    public String key() {
        return service + ":" + operation;
    }

    static AwsOperation of(String method, String path, String authorization, String target, String contentType, byte[] body) {
        String service = serviceOf(authorization);
        if (target != null && target.contains(".")) {
            return new AwsOperation(service, target.substring(target.lastIndexOf('.') + 1), "json");
        }
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            Matcher m = ACTION.matcher(new String(body, StandardCharsets.UTF_8));
            String action = m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : "Unknown";
            return new AwsOperation(service, action, service.equals("ec2") ? "ec2" : "query");
        }
        return switch (service) {
            case "s3" -> new AwsOperation(service, s3Operation(method, path), "rest-xml");
            case "lambda" -> new AwsOperation(service, path.endsWith("/invocations") ? "Invoke" : method + " " + path, "rest-json");
            case "inspector2" -> new AwsOperation(service, INSPECTOR2.getOrDefault(path.split("\\?")[0], method + " " + path), "rest-json");
            default -> new AwsOperation(service, method + " " + path, "rest-json");
        };
    }

    private static String serviceOf(String authorization) {
        if (authorization == null) {
            return "unknown";
        }
        Matcher m = SCOPE.matcher(authorization);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }

    private static String s3Operation(String method, String rawPath) {
        String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
        String query = rawPath.contains("?") ? rawPath.substring(rawPath.indexOf('?') + 1) : "";
        boolean object = path.indexOf('/', 1) > 0 && path.indexOf('/', 1) < path.length() - 1;
        return switch (method) {
            case "PUT" -> object ? "PutObject" : query.isEmpty() ? "CreateBucket" : "PutBucket" + subresource(query);
            case "GET" -> object ? "GetObject" : query.contains("list-type=2") ? "ListObjectsV2" : path.equals("/") ? "ListBuckets" : "ListObjects";
            case "HEAD" -> object ? "HeadObject" : "HeadBucket";
            case "DELETE" -> object ? "DeleteObject" : "DeleteBucket";
            case "POST" -> query.contains("delete") ? "DeleteObjects" : "PostObject";
            default -> method + " " + path;
        };
    }

    private static String subresource(String query) {
        String name = query.split("[=&]")[0];
        return name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
