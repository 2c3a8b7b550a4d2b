package io.gilder.local.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment of a function: a JVM running the function's code under the Lambda
 * runtime interface client, fed through its own Lambda Runtime API server
 * ({@code /2018-06-01/runtime/...}). It serves one invocation at a time, as Lambda does.
 */
public final class Container implements AutoCloseable {

    private record Pending(String requestId, byte[] payload, CompletableFuture<Invocation> result) {}

    private static final String API = "/2018-06-01/runtime";

    private final FunctionSpec spec;
    private final HttpServer runtimeApi;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final SynchronousQueue<Pending> queue = new SynchronousQueue<>();
    private final Process process;
    private volatile Pending current;
    private volatile String initError;
    private final long startedNanos = System.nanoTime();
    private volatile long firstPollNanos;

    /** The function configuration this container was started with. */
    public FunctionSpec spec() {
        return spec;
    }

    public Container(FunctionSpec spec, List<String> command, Map<String, String> environment, Path log) {
        this.spec = spec;
        try {
            runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runtimeApi.setExecutor(threads);
        runtimeApi.createContext(API + "/", this::serve);
        runtimeApi.start();

        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
        try {
            process = builder.start();
        } catch (IOException e) {
            runtimeApi.stop(0);
            throw new UncheckedIOException(e);
        }
        process.onExit().thenRun(() -> {
            Pending p = current;
            if (p != null) {
                p.result().complete(Invocation.failure("Runtime.ExitError", "RequestId: " + p.requestId()
                        + " Error: Runtime exited with error: exit status " + process.exitValue() + " (log: " + log + ")"));
            }
        });
    }

    public boolean alive() {
        return process.isAlive() && initError == null;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time the JVM has used so far (zero once it has ended). */
    public Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Nanoseconds from starting the JVM to its first poll for work (Lambda's init phase), or -1 while initializing. */
    public long initNanos() {
        return firstPollNanos == 0 ? -1 : firstPollNanos - startedNanos;
    }

    public Invocation invoke(byte[] payload) {
        Pending pending = new Pending(UUID.randomUUID().toString(), payload, new CompletableFuture<>());
        Duration timeout = spec.timeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!queue.offer(pending, 100, TimeUnit.MILLISECONDS)) {
                if (!alive()) {
                    return initError != null ? Invocation.failure("Runtime.InitError", initError)
                            : Invocation.failure("Runtime.ExitError", "Runtime exited before taking the invocation");
                }
                if (System.nanoTime() > deadline) {
                    close();
                    return Invocation.failure("Sandbox.Timedout", "Task timed out after " + timeout.toSeconds() + " seconds (during init)");
                }
            }
            return pending.result().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close();
            return Invocation.failure("Sandbox.Timedout", "RequestId: " + pending.requestId() + " Error: Task timed out after "
                    + timeout.toSeconds() + ".00 seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return Invocation.failure("Runtime.Interrupted", "the local stack is stopping");
        } catch (ExecutionException e) {
            return Invocation.failure("Runtime.Unknown", String.valueOf(e.getCause()));
        } finally {
            current = null;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals(API + "/invocation/next")) {
                if (firstPollNanos == 0) {
                    firstPollNanos = System.nanoTime();
                }
                Pending next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                current = next;
                var headers = exchange.getResponseHeaders();
                headers.add("Lambda-Runtime-Aws-Request-Id", next.requestId());
                headers.add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + spec.timeout().toMillis()));
                headers.add("Lambda-Runtime-Invoked-Function-Arn", LocalNames.functionArn(spec.name()));
                headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                headers.add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, next.payload().length == 0 ? -1 : next.payload().length);
                exchange.getResponseBody().write(next.payload());
            } else if (path.equals(API + "/restore/next")) {
                // SnapStart: the runtime asks to be restored after init; locally the "snapshot" resumes at once.
                exchange.sendResponseHeaders(200, -1);
            } else if (path.equals(API + "/init/error") || path.equals(API + "/restore/error")) {
                initError = new String(body, StandardCharsets.UTF_8);
                Pending p = current;
                if (p != null) {
                    p.result().complete(new Invocation(true, body));
                }
                exchange.sendResponseHeaders(202, -1);
            } else if (path.startsWith(API + "/invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring((API + "/invocation/").length(), path.lastIndexOf('/'));
                Pending p = current;
                if (p != null && p.requestId().equals(id)) {
                    p.result().complete(new Invocation(path.endsWith("/error"), body));
                }
                exchange.sendResponseHeaders(202, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    /**
     * Ends the JVM as its parent's going away does (stdin closed: {@link ContainerMain}'s watchdog halts it), which lets
     * the JVM finish what it does at exit (e.g. write a class-data sharing archive); then {@link #close()}.
     *
     * @return whether the JVM ended by itself within {@code timeout}
     */
    public boolean exit(Duration timeout) {
        boolean ended = false;
        try {
            process.getOutputStream().close();
            ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return ended;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runtimeApi.stop(0);
        threads.shutdownNow();
    }

    public static List<String> javaCommand(String java, FunctionSpec spec, String classpath, Path nativeClient) {
        return javaCommand(java, spec, classpath, nativeClient, List.of());
    }

    /**
     * As {@link #javaCommand(String, FunctionSpec, String, Path)}, with {@code hostFlags}: flags of the local host's own
     * (class-data sharing, {@link FunctionHost}) that change how fast the JVM starts, not what the function does.
     */
    public static List<String> javaCommand(String java, FunctionSpec spec, String classpath, Path nativeClient, List<String> hostFlags) {
        List<String> command = new ArrayList<>(List.of(java,
                // The flags the Lambda Java runtime starts the JVM with.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:MaxHeapSize=" + (spec.memoryMb() * 85 / 100) + "m",
                "-Djava.net.preferIPv4Stack=true",
                // Load the JNI library unpacked once by the host instead of unpacking it to a shared fixed path.
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + nativeClient));
        // Extra flags for profiling, e.g. -Dgilder.function.jvmArgs="-Xlog:class+load:file=/tmp/classes.txt"
        command.addAll(hostFlags);
        String extra = System.getProperty("gilder.function.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, ContainerMain.class.getName(), spec.handler()));
        return command;
    }
}
