package io.gilder.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local AWS endpoint that functions, tests and moto's Step Functions interpreter all talk to
 * (moto runs with {@code MOTO_PORT} set to this port). It
 * <ul>
 *   <li>runs {@code POST /2015-03-31/functions/{name}/invocations} on the {@link FunctionHost};</li>
 *   <li>serves the template's HTTP API routes as API Gateway (payload 2.0) events;</li>
 *   <li>fails chosen calls on purpose ({@link Faults});</li>
 *   <li>sends the few operations moto lacks to another server (WireMock, the Service Catalog fake of {@code io.gilder.local.fakes}) when told to;</li>
 *   <li>forwards every other request to moto unchanged.</li>
 * </ul>
 */
public final class Gateway implements AutoCloseable {

    private static final String INVOKE_PREFIX = "/2015-03-31/functions/";
    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gateway");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    // Set once by the constructor or by connect(), before the stack takes calls.
    private volatile URI moto;
    private volatile FunctionHost functions;
    private final Faults faults;
    private static final java.util.Set<String> IDEMPOTENT_EC2 = java.util.Set.of("ec2:RunInstances", "ec2:CopyImage");
    private static final java.util.regex.Pattern CLIENT_TOKEN = java.util.regex.Pattern.compile("(?:^|&)ClientToken=([^&]+)");
    /** The access key and region of a SigV4 credential scope: one account's calls in one region. */
    private static final java.util.regex.Pattern CREDENTIAL_SCOPE = java.util.regex.Pattern.compile("Credential=([^/]+/\\d{8}/[^/]+)/");
    private final Map<String, byte[]> idempotentAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern IMAGE_NAME = java.util.regex.Pattern.compile("(?:^|&)Name=([^&]+)");
    private static final java.util.regex.Pattern IMAGE_ID = java.util.regex.Pattern.compile("<imageId>(ami-[0-9a-f]+)</imageId>");
    private final Map<String, String> imageNames = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<HttpRoute> routes = new CopyOnWriteArrayList<>();
    private final Map<String, URI> answeredElsewhere = new java.util.concurrent.ConcurrentHashMap<>();
    private final SigV4Callers callers = new SigV4Callers();
    private final Map<String, List<Call>> watched = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every operation each access key called ({@code service:Operation}), faulted and refused calls included. */
    private final Map<String, Set<String>> operationsByKey = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One call of a watched operation as it reached the endpoint: the caller's access key and region (its SigV4 credential
     * scope) and the request body, for tests that assert what Gilder asked for where the emulator ignores it.
     */
    public record Call(String accessKeyId, String region, String body) {}

    /**
     * A gateway listening at once ({@code port} 0: a free port the system picks, read back with {@link #uri()}), that
     * forwards nothing until {@link #connect}: the stack binds its port first, so no other process can take it while moto
     * and the functions start with its address.
     */
    public Gateway(int port, Faults faults) {
        this(port, null, null, faults);
    }

    /** Where calls go: moto, and the functions the gateway invokes. */
    public void connect(URI moto, FunctionHost functions) {
        this.moto = moto;
        this.functions = functions;
    }

    public Gateway(int port, URI moto, FunctionHost functions, Faults faults) {
        this.moto = moto;
        this.functions = functions;
        this.faults = faults;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port, e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The access key whose calls are sent to moto as the administrator's, and the administrator's key (null: none). */
    private volatile String[] signedAsAdministrator;

    /**
     * Sends the calls signed with access key {@code key} to moto as the administrator's ({@code administratorKey}), and
     * asks moto the gateway's own questions (is an image still registered?) as the administrator. For moto's Step
     * Functions, whose SDK integrations call with a fixed key instead of the state machine's role; moto checks no
     * signature (see {@link MotoServer}), so rewriting the key names the caller.
     */
    public void actAsAdministrator(String key, String administratorKey) {
        signedAsAdministrator = new String[] {key, administratorKey};
    }

    private String signer(String authorization, boolean administrator) {
        String[] rewrite = signedAsAdministrator;
        if (rewrite == null || authorization == null) {
            return authorization;
        }
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("Credential=([^/]+)/").matcher(authorization);
        return key.find() && (administrator || key.group(1).equals(rewrite[0]))
                ? authorization.substring(0, key.start(1)) + rewrite[1] + authorization.substring(key.end(1)) : authorization;
    }

    /** Whose Signature Version 4 the AWS_IAM routes accept. */
    public SigV4Callers callers() {
        return callers;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Records every later call of {@code operation} ({@code service:Operation}); see {@link #calls(String)}. */
    public void watch(String operation) {
        watched.putIfAbsent(operation, new CopyOnWriteArrayList<>());
    }

    /** The calls of a watched operation so far, in order (faulted ones and retries included). */
    public List<Call> calls(String operation) {
        return List.copyOf(watched.getOrDefault(operation, List.of()));
    }

    /**
     * Every operation ({@code service:Operation}) called so far with access key {@code accessKeyId}, whatever the answer
     * (refused, faulted or served): what a function with these credentials asked AWS for.
     */
    public Set<String> operationsOf(String accessKeyId) {
        return Set.copyOf(operationsByKey.getOrDefault(accessKeyId, Set.of()));
    }

    public void addRoute(HttpRoute route) {
        routes.add(route);
    }

    /**
     * Sends every call of {@code operation} ({@code service:Operation}, e.g. {@code ssm:DescribeInstanceInformation})
     * to {@code server} instead of moto: for operations moto lacks or fakes, answered by stubs a test controls.
     * {@code service:*} sends the whole service (a fake that keeps state of its own); a single operation's route wins.
     */
    public void answerElsewhere(String operation, URI server) {
        answeredElsewhere.put(operation, server);
    }

    /** Sends {@code operation} to moto again. */
    public void answerByMoto(String operation) {
        answeredElsewhere.remove(operation);
    }

    public List<HttpRoute> routes() {
        return List.copyOf(routes);
    }

    /** The writes whose condition moto evaluates apart from the write itself (see {@link #handle}). */
    private static final java.util.Set<String> CONDITIONAL_WRITES = java.util.Set.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:TransactWriteItems", "s3:PutObject", "ssm:PutParameter", "ssm:DeleteParameter");
    private final Object conditionalWrites = new Object();

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            // As API Gateway does, the most specific route wins: /approvals/signed-in before /approvals/{id}.
            HttpRoute chosen = null;
            Map<String, String> chosenParams = null;
            for (HttpRoute route : routes) {
                Optional<Map<String, String>> params = route.match(method, exchange.getRequestURI().getPath());
                if (params.isPresent() && (chosen == null || params.get().size() < chosenParams.size())) {
                    chosen = route;
                    chosenParams = params.get();
                }
            }
            if (chosen != null) {
                serveRoute(exchange, chosen, chosenParams, body);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null) {
                // Not an AWS call (e.g. moto's own /moto-api): pass through untouched.
                forward(exchange, body, moto);
                return;
            }
            AwsOperation op = AwsOperation.of(method, exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    authorization, exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            java.util.regex.Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
            String[] parts = scope.find() ? scope.group(1).split("/") : new String[] {"", "", ""};
            operationsByKey.computeIfAbsent(parts[0], k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(op.key());
            List<Call> watching = watched.get(op.key());
            if (watching != null) {
                watching.add(new Call(parts[0], parts[2], new String(body, StandardCharsets.UTF_8)));
            }
            Optional<Faults.Response> fault = faults.onCall(op, authorization);
            Optional<String> token = idempotent(op, body, authorization);
            if (fault.isPresent()) {
                if (fault.get().appliedFirst()) {
                    // The call takes effect; only its answer is lost on the way back (a retry must not do it twice).
                    HttpResponse<byte[]> applied = fetch(exchange, body, answeredElsewhere.getOrDefault(op.key(),
                            answeredElsewhere.getOrDefault(op.service() + ":*", moto)));
                    token.filter(t -> applied.statusCode() == 200).ifPresent(t -> idempotentAnswers.put(t, applied.body()));
                    if (op.key().equals("ec2:CreateImage")) {
                        rememberImageName(body, authorization, applied);
                    }
                }
                fault.get().headers().forEach(exchange.getResponseHeaders()::add);
                send(exchange, fault.get().status(), fault.get().body());
            } else if (method.equals("POST") && rawPath.startsWith(INVOKE_PREFIX) && rawPath.endsWith("/invocations")) {
                invoke(exchange, rawPath, body);
            } else if (token.isPresent()) {
                answerIdempotently(exchange, body, token.get());
            } else if (op.key().equals("ec2:CreateImage")) {
                createImageOnce(exchange, body, authorization);
            } else if (CONDITIONAL_WRITES.contains(op.key())) {
                // moto checks a write's condition and applies the write without a lock between them, so two racing
                // conditional writes could both succeed; DynamoDB, S3 and Parameter Store decide each atomically.
                // One at a time here, as the real services would order them.
                synchronized (conditionalWrites) {
                    forward(exchange, body, answeredElsewhere.getOrDefault(op.key(), answeredElsewhere.getOrDefault(op.service() + ":*", moto)));
                }
            } else {
                forward(exchange, body, answeredElsewhere.getOrDefault(op.key(),
                        answeredElsewhere.getOrDefault(op.service() + ":*", moto)));
            }
        } catch (RuntimeException e) {
            byte[] message = ("{\"message\":" + Json.quote("local gateway error: " + e) + "}").getBytes(StandardCharsets.UTF_8);
            send(exchange, 500, message);
        }
    }

    private void invoke(HttpExchange exchange, String rawPath, byte[] body) throws IOException {
        String encoded = rawPath.substring(INVOKE_PREFIX.length(), rawPath.length() - "/invocations".length());
        String name = LocalNames.functionName(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (!functions.has(name)) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
            send(exchange, 404, ("{\"Type\":\"User\",\"Message\":\"Function not found: " + LocalNames.functionArn(name) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if ("Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
            threads.submit(() -> functions.invoke(name, body));
            send(exchange, 202, new byte[0]);
            return;
        }
        Invocation result = functions.invoke(name, body);
        exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
        if (result.error()) {
            exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
        }
        send(exchange, 200, result.payload());
    }

    private void serveRoute(HttpExchange exchange, HttpRoute route, Map<String, String> params, byte[] body) throws IOException {
        ObjectNode event = ApiGatewayEvents.request(route, exchange, params, body);
        if (route.iam()) {
            Optional<SigV4Callers.Caller> caller = callers.verify(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
            if (caller.isEmpty()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                send(exchange, 403, "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            ObjectNode iam = ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("iam");
            iam.put("accessKey", caller.get().accessKeyId());
            iam.put("accountId", caller.get().accountId());
            iam.put("callerId", caller.get().userId());
            iam.put("userArn", caller.get().userArn());
            iam.put("userId", caller.get().userId());
        }
        Invocation result = functions.invoke(route.function(), Json.write(event).getBytes(StandardCharsets.UTF_8));
        if (result.error()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            send(exchange, 500, "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        ApiGatewayEvents.Response response = ApiGatewayEvents.response(Json.read(result.payloadText()));
        response.headers().forEach(exchange.getResponseHeaders()::add);
        response.cookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        send(exchange, response.status(), response.body());
    }

    /**
     * EC2's idempotency, which moto lacks: a RunInstances or CopyImage repeated with the same {@code ClientToken} (by the
     * same account, in the same region) answers what the first one did instead of creating a second instance or copy.
     *
     * @return the key of the call's token, when it is such a call
     */
    private static Optional<String> idempotent(AwsOperation op, byte[] body, String authorization) {
        if (!IDEMPOTENT_EC2.contains(op.key())) {
            return Optional.empty();
        }
        java.util.regex.Matcher token = CLIENT_TOKEN.matcher(new String(body, StandardCharsets.UTF_8));
        java.util.regex.Matcher credential = CREDENTIAL_SCOPE.matcher(authorization);
        return token.find() && credential.find()
                ? Optional.of(credential.group(1) + "|" + op.key() + "|" + URLDecoder.decode(token.group(1), StandardCharsets.UTF_8))
                : Optional.empty();
    }

    /**
     * EC2 refuses a second image of the same name in an account and region ({@code InvalidAMIName.Duplicate}), which moto
     * does not: the name is remembered with the image it went to, and refused while that image is not deregistered.
     */
    private void createImageOnce(HttpExchange exchange, byte[] body, String authorization) throws IOException {
        java.util.regex.Matcher name = IMAGE_NAME.matcher(new String(body, StandardCharsets.UTF_8));
        java.util.regex.Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
        String key = name.find() && scope.find() ? scope.group(1) + "|" + URLDecoder.decode(name.group(1), StandardCharsets.UTF_8) : null;
        String earlier = key == null ? null : imageNames.get(key);
        if (earlier != null && stillRegistered(exchange, earlier)) {
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            send(exchange, 400, ("<Response><Errors><Error><Code>InvalidAMIName.Duplicate</Code><Message>AMI name "
                    + key.substring(key.indexOf('|') + 1) + " is already in use by AMI " + earlier + "</Message></Error></Errors>"
                    + "<RequestID>" + UUID.randomUUID() + "</RequestID></Response>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        HttpResponse<byte[]> response = fetch(exchange, body, moto);
        rememberImageName(body, authorization, response);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        send(exchange, response.statusCode(), response.body());
    }

    private void rememberImageName(byte[] body, String authorization, HttpResponse<byte[]> response) {
        java.util.regex.Matcher name = IMAGE_NAME.matcher(new String(body, StandardCharsets.UTF_8));
        java.util.regex.Matcher scope = CREDENTIAL_SCOPE.matcher(authorization);
        java.util.regex.Matcher created = IMAGE_ID.matcher(new String(response.body(), StandardCharsets.UTF_8));
        if (response.statusCode() == 200 && name.find() && scope.find() && created.find()) {
            imageNames.put(scope.group(1) + "|" + URLDecoder.decode(name.group(1), StandardCharsets.UTF_8), created.group(1));
        }
    }

    /**
     * Asks moto, as the caller (moto reads the account from the access key and checks no signature), whether the image is
     * there; as the administrator when moto enforces IAM ({@link #actAsAdministrator}), since this question is the
     * emulator's, not the caller's.
     */
    private boolean stillRegistered(HttpExchange exchange, String imageId) throws IOException {
        byte[] query = ("Action=DescribeImages&Version=2016-11-15&ImageId.1=" + imageId).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> answer = fetch(exchange, query, moto, true);
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        return answer.statusCode() == 200 && text.contains(imageId) && !text.contains("<imageState>deregistered</imageState>");
    }

    private void answerIdempotently(HttpExchange exchange, byte[] body, String token) throws IOException {
        byte[] earlier = idempotentAnswers.get(token);
        if (earlier == null) {
            HttpResponse<byte[]> response = fetch(exchange, body, moto);
            if (response.statusCode() == 200) {
                idempotentAnswers.put(token, response.body());
            }
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            send(exchange, response.statusCode(), response.body());
        } else {
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            send(exchange, 200, earlier);
        }
    }

    private void forward(HttpExchange exchange, byte[] body, URI server) throws IOException {
        HttpResponse<byte[]> response = fetch(exchange, body, server);
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        if (noBody) {
            exchange.sendResponseHeaders(response.statusCode(), -1);
        } else {
            send(exchange, response.statusCode(), response.body());
        }
    }

    private HttpResponse<byte[]> fetch(HttpExchange exchange, byte[] body, URI server) throws IOException {
        return fetch(exchange, body, server, false);
    }

    private HttpResponse<byte[]> fetch(HttpExchange exchange, byte[] body, URI server, boolean asAdministrator) throws IOException {
        URI target = server.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Authorization")) {
                values.forEach(v -> request.header(name, signer(v, asAdministrator)));
            } else if (asAdministrator && signedAsAdministrator != null && name.equalsIgnoreCase("X-Amz-Security-Token")) {
                // the administrator's key is a user's: no session token
            } else if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** API Gateway HTTP API (payload format 2.0) events, built and read as API Gateway does. */
    static final class ApiGatewayEvents {

        record Response(int status, Map<String, String> headers, List<String> cookies, byte[] body) {}

        private ApiGatewayEvents() {}

        static ObjectNode request(HttpRoute route, HttpExchange exchange, Map<String, String> params, byte[] body) {
            ObjectNode event = Json.MAPPER.createObjectNode();
            event.put("version", "2.0");
            event.put("routeKey", route.routeKey());
            event.put("rawPath", exchange.getRequestURI().getRawPath());
            event.put("rawQueryString", Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
            ObjectNode headers = event.putObject("headers");
            // Payload 2.0 passes cookies in their own list, not as a header; and tells the scheme in x-forwarded-proto.
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Cookie")) {
                    headers.put(name.toLowerCase(), String.join(",", values));
                }
            });
            headers.put("x-forwarded-proto", "http");
            List<String> cookies = exchange.getRequestHeaders().getOrDefault("Cookie", List.of()).stream()
                    .flatMap(header -> java.util.Arrays.stream(header.split(";"))).map(String::trim).filter(c -> !c.isEmpty()).toList();
            if (!cookies.isEmpty()) {
                cookies.forEach(event.putArray("cookies")::add);
            }
            if (exchange.getRequestURI().getRawQuery() != null) {
                ObjectNode query = event.putObject("queryStringParameters");
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            if (!params.isEmpty()) {
                ObjectNode path = event.putObject("pathParameters");
                params.forEach(path::put);
            }
            ObjectNode context = event.putObject("requestContext");
            context.put("accountId", LocalNames.ACCOUNT);
            context.put("apiId", "local");
            context.put("domainName", exchange.getRequestHeaders().getFirst("Host"));
            context.put("requestId", UUID.randomUUID().toString());
            context.put("routeKey", route.routeKey());
            context.put("stage", "$default");
            context.put("timeEpoch", System.currentTimeMillis());
            ObjectNode http = context.putObject("http");
            http.put("method", exchange.getRequestMethod());
            http.put("path", exchange.getRequestURI().getPath());
            http.put("protocol", "HTTP/1.1");
            http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
            http.put("userAgent", Optional.ofNullable(exchange.getRequestHeaders().getFirst("User-Agent")).orElse(""));
            if (body.length > 0) {
                String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
                boolean text = type.startsWith("text/") || type.contains("json") || type.contains("x-www-form-urlencoded");
                event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", !text);
            } else {
                event.put("isBase64Encoded", false);
            }
            return event;
        }

        /** Reads a function result the way API Gateway does for payload format 2.0. */
        static Response response(JsonNode result) {
            if (!result.isObject() || !result.has("statusCode")) {
                return new Response(200, Map.of("Content-Type", "application/json"), List.of(), Json.write(result).getBytes(StandardCharsets.UTF_8));
            }
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            result.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
            String body = result.path("body").asText("");
            byte[] bytes = result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                    : body.getBytes(StandardCharsets.UTF_8);
            List<String> cookies = new java.util.ArrayList<>();
            result.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
            return new Response(result.path("statusCode").asInt(200), headers, cookies, bytes);
        }
    }
}
