package io.gilder.local.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * What EventBridge does with Step Functions' "Execution Status Change" events for the template's functions that have an
 * {@code EventBridgeRule} event on {@code aws.states}: moto's Step Functions announces no status change, so this polls
 * moto for executions that ended FAILED, ABORTED or TIMED_OUT, builds the event as AWS documents it (source
 * {@code aws.states}, the execution's ARN, state machine, status, input, error and cause in {@code detail}), and invokes
 * each function whose rule's pattern matches, once per ending.
 *
 * <p>A stopped execution is ABORTED at once, a task in flight running on (see MotoServer's launcher), as in AWS.
 *
 * <p>Off until {@link #enable()}: in AWS the clean-up runs after every failed build too, and the tests that prove a
 * workflow's own clean-up leaves nothing would not see its leaks if this one cleaned up behind it. Only endings after
 * {@code enable()} are delivered. {@link #enableFor} delivers to the named functions only, e.g. to the scanners' clean-up
 * ({@code DiscardScansFunction}, the only one there is) but not to the sweep, whose work the test proves the workflow does.
 *
 * <p>A rule whose target is an SQS queue a function reads ({@link #routeQueued}: {@code SweepAgainRule} into
 * {@code SweepAgainQueue}, {@code DiscardScansAgainRule} into {@code DiscardScansAgainQueue}) delivers the same event again later, as the SQS event source mapping would: wrapped as a batch
 * of one message ({@code Records[0].body}), after the queue's {@code DelaySeconds}, at most {@link #queueDelayCap} here.
 */
public final class ExecutionEndings implements AutoCloseable {

    private static final List<ExecutionStatus> ENDINGS = List.of(ExecutionStatus.FAILED, ExecutionStatus.ABORTED, ExecutionStatus.TIMED_OUT);

    /** The local stack does not wait a queue's whole {@code DelaySeconds} (300 s for the second sweep): by default 3 s. */
    public static final java.time.Duration QUEUE_DELAY_CAP = java.time.Duration.ofSeconds(3);

    private volatile java.time.Duration queueDelayCap = QUEUE_DELAY_CAP;

    /** A function and the event pattern of its rule; {@code queuedFor} non-null: through a queue with that delay. */
    public record Route(String function, Map<String, Object> pattern, java.time.Duration queuedFor) {
        public Route(String function, Map<String, Object> pattern) {
            this(function, pattern, null);
        }
    }

    /** One event delivered to a function and the function's answer; {@code queued}: the later delivery through a queue. */
    public record Delivery(String executionArn, String status, String function, Invocation answer, boolean queued) {}

    private final java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
                Thread thread = new Thread(r, "execution-endings-queued");
                thread.setDaemon(true);
                return thread;
            });
    private final List<java.util.concurrent.Future<?>> pending = new CopyOnWriteArrayList<>();

    private final Supplier<SfnClient> sfn;
    private final FunctionHost functions;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> problems = ConcurrentHashMap.newKeySet();
    private volatile Instant since;
    /** The functions delivered to; null: every routed function. */
    private volatile Set<String> targets;
    /** Whether the later deliveries through a queue are made (off: {@link #enableFirstPassesFor}). */
    private volatile boolean queued = true;
    private volatile Thread poller;

    public ExecutionEndings(Supplier<SfnClient> sfn, FunctionHost functions) {
        this.sfn = sfn;
        this.functions = functions;
    }

    /** Called by the deployer for each {@code EventBridgeRule} event of a function. */
    public void route(String function, Map<String, Object> pattern) {
        if (Set.of("aws.states").equals(Set.copyOf(values(pattern.get("source"))))) {
            routes.add(new Route(function, pattern));
        }
    }

    /** {@link #route}, through a queue whose messages wait {@code delay} (at most {@link #queueDelayCap} here). */
    public void routeQueued(String function, Map<String, Object> pattern, java.time.Duration delay) {
        if (Set.of("aws.states").equals(Set.copyOf(values(pattern.get("source"))))) {
            routes.add(new Route(function, pattern, delay));
        }
    }

    /** How long a queued delivery waits at most here ({@link #QUEUE_DELAY_CAP} unless a test needs a wider window). */
    public void queueDelayCap(java.time.Duration cap) {
        queueDelayCap = cap;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Starts delivering endings from now on (polling moto every half second) to every routed function. */
    public synchronized void enable() {
        targets = null;
        queued = true;
        start();
    }

    /**
     * Delivers endings from now on to {@code functions} only (replacing an earlier choice; endings already delivered are
     * not delivered again to a function added now).
     *
     * @throws IllegalArgumentException naming a function that no rule routes to
     */
    public synchronized void enableFor(String... functions) {
        Set<String> routed = new java.util.TreeSet<>();
        routes.forEach(route -> routed.add(route.function()));
        for (String function : functions) {
            if (!routed.contains(function)) {
                throw new IllegalArgumentException("no EventBridge rule routes endings to " + function + "; routed: " + routed);
            }
        }
        targets = Set.of(functions);
        queued = true;
        start();
    }

    /**
     * As {@link #enableFor}, without the later deliveries through queues: for a test that checks each run's clean-up as soon
     * as its first pass answered and must not have a second pass's calls land in its next run (fault injection counts calls).
     */
    public synchronized void enableFirstPassesFor(String... functions) {
        enableFor(functions);
        queued = false;
    }

    private void start() {
        if (poller == null) {
            since = Instant.now();
            poller = new Thread(this::poll, "execution-endings");
            poller.setDaemon(true);
            poller.start();
        }
    }

    /** Stops delivering, queued deliveries not yet due included; a delivery under way finishes. */
    public synchronized void disable() {
        Thread running = poller;
        poller = null;
        if (running != null) {
            running.interrupt();
        }
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    /** What went wrong while polling or delivering, once per kind (for a test's failure message). */
    public Set<String> problems() {
        return Set.copyOf(problems);
    }

    /** Every delivery so far, in order. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void poll() {
        while (poller == Thread.currentThread()) {
            try {
                deliverNewEndings();
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // moto stopped with the stack, or a delivery failed: said once per kind, tried again on the next round
                if (problems.add(e.getClass().getName() + ": " + e.getMessage())) {
                    System.err.println("local EventBridge: delivering Step Functions status changes failed: " + e);
                }
            }
        }
    }

    private void deliverNewEndings() {
        try (SfnClient client = sfn.get()) {
            for (String machine : stateMachines()) {
                for (ExecutionStatus status : ENDINGS) {
                    for (ExecutionListItem item : client.listExecutionsPaginator(r -> r.stateMachineArn(machine).statusFilter(status)).executions()) {
                        if (item.stopDate() != null && !item.stopDate().isBefore(since) && seen.add(item.executionArn())) {
                            deliver(client.describeExecution(r -> r.executionArn(item.executionArn())));
                        }
                    }
                }
            }
        }
    }

    private List<String> stateMachines() {
        List<String> machines = new ArrayList<>();
        routes.forEach(route -> values(map(route.pattern().get("detail")).get("stateMachineArn")).forEach(arn -> {
            if (!machines.contains(arn)) {
                machines.add(arn);
            }
        }));
        return machines;
    }

    private void deliver(DescribeExecutionResponse execution) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("executionArn", execution.executionArn());
        detail.put("stateMachineArn", execution.stateMachineArn());
        detail.put("name", execution.name());
        detail.put("status", execution.statusAsString());
        detail.put("startDate", execution.startDate().toEpochMilli());
        detail.put("stopDate", execution.stopDate() == null ? null : execution.stopDate().toEpochMilli());
        detail.put("input", execution.input());
        detail.put("output", execution.output());
        detail.put("error", execution.error());
        detail.put("cause", execution.cause());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("account", LocalNames.ACCOUNT);
        event.put("time", Instant.now().toString());
        event.put("region", LocalNames.REGION);
        event.put("resources", List.of(execution.executionArn()));
        event.put("detail", detail);
        Set<String> chosen = targets;
        for (Route route : routes) {
            if ((chosen == null || chosen.contains(route.function())) && matches(route.pattern(), event)) {
                if (route.queuedFor() != null) {
                    if (!queued) {
                        continue;
                    }
                    byte[] batch = Json.write(Map.of("Records", List.of(Map.of("messageId", UUID.randomUUID().toString(),
                            "eventSource", "aws:sqs", "body", Json.write(event))))).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    pending.removeIf(java.util.concurrent.Future::isDone);
                    pending.add(later.schedule(() -> deliverQueued(execution, route.function(), batch),
                            Math.min(route.queuedFor().toMillis(), queueDelayCap.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS));
                    continue;
                }
                Invocation answer = functions.invoke(route.function(), Json.write(event).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                deliveries.add(new Delivery(execution.executionArn(), execution.statusAsString(), route.function(), answer, false));
            }
        }
    }

    /** A queued delivery when it is due, unless delivering stopped or its function is no longer chosen meanwhile. */
    private void deliverQueued(DescribeExecutionResponse execution, String function, byte[] batch) {
        Set<String> chosen = targets;
        if (poller == null || (chosen != null && !chosen.contains(function))) {
            return;
        }
        try {
            deliveries.add(new Delivery(execution.executionArn(), execution.statusAsString(), function, functions.invoke(function, batch), true));
        } catch (RuntimeException e) {
            problems.add("queued delivery to " + function + " of " + execution.executionArn() + ": " + e);
        }
    }

    /** EventBridge's matching for what Gilder's rules use: nested objects, and arrays of exact values. */
    static boolean matches(Map<String, Object> pattern, Map<String, Object> event) {
        for (Map.Entry<String, Object> field : pattern.entrySet()) {
            Object value = event.get(field.getKey());
            if (field.getValue() instanceof Map<?, ?> nested) {
                if (!(value instanceof Map<?, ?> inner) || !matches(map(nested), map(inner))) {
                    return false;
                }
            } else if (!values(field.getValue()).contains(String.valueOf(value))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> values(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : value == null ? List.of() : List.of(String.valueOf(value));
    }

    @Override
    public void close() {
        disable();
        later.shutdownNow();
    }
}
