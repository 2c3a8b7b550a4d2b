package io.gilder.local.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for reliability tests: "fail the Nth call of {@code service:Operation} with this
 * AWS error code". Also keeps the ordered log of every AWS call that passed the local endpoint, which
 * tells a test which fault points exist.
 */
public final class Faults {

    /**
     * One planned failure: the {@code nth} call (from 1, counted since the last {@link #reset()}) of {@code operation}.
     *
     * @param errorCode    the AWS error code answered ({@link #THROTTLED}: the protocol's own throttling code and status)
     * @param appliedFirst the call reaches the emulator and takes effect, then its answer is lost (replaced by the error)
     */
    public record Rule(String operation, int nth, String errorCode, int httpStatus, boolean appliedFirst) {

        public Rule(String operation, int nth, String errorCode, int httpStatus) {
            this(operation, nth, errorCode, httpStatus, false);
        }

        /** The kind of fault, for a test's counts: refused (4xx), throttled, server error or lost response. */
        public String kind() {
            return appliedFirst ? "applied, answer lost" : THROTTLED.equals(errorCode) ? "throttled"
                    : httpStatus >= 500 ? "server error" : "refused";
        }
    }

    /** The error code that stands for the protocol's throttling answer (EC2 RequestLimitExceeded, S3 SlowDown, ...). */
    public static final String THROTTLED = "Throttled";

    /** A rule of each kind for {@code operation}'s {@code nth} call. */
    public static Rule refused(String operation, int nth) {
        return new Rule(operation, nth, "AccessDenied", 403);
    }

    public static Rule throttled(String operation, int nth) {
        return new Rule(operation, nth, THROTTLED, 400);
    }

    public static Rule serverError(String operation, int nth) {
        return new Rule(operation, nth, "InternalError", 500);
    }

    public static Rule appliedThenLost(String operation, int nth) {
        return new Rule(operation, nth, "InternalError", 500, true);
    }

    /** An AWS error response in the wire format of the operation's protocol. */
    record Response(int status, Map<String, String> headers, byte[] body, boolean appliedFirst) {

        Response(int status, Map<String, String> headers, byte[] body) {
            this(status, headers, body, false);
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Rule> fired = new CopyOnWriteArrayList<>();
    private final Map<String, java.time.Duration> delays = new ConcurrentHashMap<>();
    /** Access key ids whose calls are neither logged nor failed (e.g. the approval page's: an approver's requests, not a workflow's). */
    private final java.util.Set<String> spared = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Calls signed with {@code accessKeyId} are passed through from now on, unlogged and never failed. */
    public void spare(String accessKeyId) {
        spared.add(accessKeyId);
    }

    /** The one caller whose calls are logged and failed until the next {@link #reset()}; null: every caller but the spared ones. */
    private volatile String only;

    /**
     * Until the next {@link #reset()}, only calls signed with {@code accessKeyId} are logged and failed (even when that
     * caller is spared); every other call passes unlogged. E.g. the approval page's calls, while a workflow runs beside it.
     */
    public void only(String accessKeyId) {
        only = accessKeyId;
    }

    /** Fails the {@code nth} next call of {@code operation} (e.g. {@code ssm:GetParameter}) with {@code errorCode}. */
    public void failNth(String operation, int nth, String errorCode, int httpStatus) {
        rules.add(new Rule(operation, nth, errorCode, httpStatus));
    }

    /** Arms {@code rule}. */
    public void add(Rule rule) {
        rules.add(rule);
    }

    /**
     * Holds every call of {@code operation} for {@code delay} before it is answered (or failed): a slow service, e.g. to
     * keep a workflow in one state long enough for another to meet it there.
     */
    public void slow(String operation, java.time.Duration delay) {
        delays.put(operation, delay);
    }

    /** Removes every rule and delay, forgets the call log and {@link #only} (spared callers stay spared). */
    public void reset() {
        only = null;
        delays.clear();
        rules.clear();
        counts.clear();
        calls.clear();
        fired.clear();
    }

    /** Every {@code service:Operation} that reached the endpoint since the last reset, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The rules that have injected their failure. */
    public List<Rule> fired() {
        return List.copyOf(fired);
    }

    Optional<Response> onCall(AwsOperation op, String authorization) {
        String focus = only;
        if (focus != null ? !signedBy(authorization, focus)
                : !spared.isEmpty() && spared.stream().anyMatch(key -> signedBy(authorization, key))) {
            return Optional.empty();
        }
        calls.add(op.key());
        java.time.Duration delay = delays.get(op.key());
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int n = counts.computeIfAbsent(op.key(), k -> new AtomicInteger()).incrementAndGet();
        for (Rule rule : rules) {
            if (rule.operation().equals(op.key()) && rule.nth() == n) {
                fired.add(rule);
                return Optional.of(render(op, rule));
            }
        }
        return Optional.empty();
    }

    private static boolean signedBy(String authorization, String accessKeyId) {
        return authorization != null && authorization.contains("Credential=" + accessKeyId + "/");
    }

    private static Response render(AwsOperation op, Rule rule) {
        Response response = renderError(op, THROTTLED.equals(rule.errorCode()) ? throttling(op) : rule);
        return new Response(response.status(), response.headers(), response.body(), rule.appliedFirst());
    }

    /** Each protocol's throttling answer, as the AWS SDK's retry conditions know them. */
    private static Rule throttling(AwsOperation op) {
        return switch (op.protocol()) {
            case "ec2" -> new Rule(op.key(), 0, "RequestLimitExceeded", 503);
            case "rest-xml" -> new Rule(op.key(), 0, "SlowDown", 503);
            case "query" -> new Rule(op.key(), 0, "Throttling", 400);
            default -> new Rule(op.key(), 0, "ThrottlingException", 400);
        };
    }

    private static Response renderError(AwsOperation op, Rule rule) {
        String message = "Injected by the Gilder local stack: call " + rule.nth() + " of " + rule.operation();
        String requestId = "local-fault-" + rule.nth();
        return switch (op.protocol()) {
            case "ec2" -> xml(rule.httpStatus(), "<Response><Errors><Error><Code>" + rule.errorCode() + "</Code><Message>" + message
                    + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>");
            case "query" -> xml(rule.httpStatus(), "<ErrorResponse><Error><Type>" + (rule.httpStatus() >= 500 ? "Receiver" : "Sender")
                    + "</Type><Code>" + rule.errorCode() + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                    + "</RequestId></ErrorResponse>");
            case "rest-xml" -> xml(rule.httpStatus(), "<Error><Code>" + rule.errorCode() + "</Code><Message>" + message
                    + "</Message><RequestId>" + requestId + "</RequestId></Error>");
            default -> new Response(rule.httpStatus(), Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", rule.errorCode(),
                    "x-amzn-RequestId", requestId), ("{\"__type\":\"" + rule.errorCode() + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        };
    }

    private static Response xml(int status, String body) {
        return new Response(status, Map.of("Content-Type", "text/xml"), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Distinct fault points of a recorded call log: each (operation, nth occurrence) pair. */
    public static List<Rule> pointsOf(List<String> calls, String errorCode, int httpStatus) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        List<Rule> points = new ArrayList<>();
        for (String call : calls) {
            int n = counts.merge(call, 1, Integer::sum);
            points.add(new Rule(call, n, errorCode, httpStatus));
        }
        return points;
    }
}
