package io.gilder.local.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs the functions of the template from the real deployment artifact ({@code function.zip},
 * unpacked like Lambda's {@code /var/task}) under the Lambda Java runtime interface client. Each
 * function keeps warm containers and starts another when all are busy, up to {@code maxContainers}.
 */
public final class FunctionHost implements AutoCloseable {

    private final Path taskRoot;
    private final Path logs;
    private final String classpath;
    private final String java;
    private final Map<String, String> baseEnvironment;
    private final int maxContainers;
    private final Map<String, FunctionSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, Deque<Container>> idle = new HashMap<>();
    private final Map<String, Integer> live = new HashMap<>();
    private final List<Container> all = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param baseEnvironment variables every container gets (region, fake credentials, endpoint override)
     */
    private Path nativeClient;

    /**
     * The runtime interface client's JNI library, unpacked once per stack. Left to itself, every
     * container JVM unpacks it to the same fixed path (/tmp/.libaws-lambda-jni.so, one sandbox per
     * process in Lambda), and two containers starting at once crash each other (SIGBUS) while one
     * overwrites the file the other has mapped.
     */
    public synchronized Path nativeClient() {
        if (nativeClient == null) {
            Path target = taskRoot.resolveSibling("jni").resolve("libaws-lambda-jni.so");
            try (var in = FunctionHost.class.getClassLoader().getResourceAsStream("jni/libaws-lambda-jni.linux-x86_64.so")) {
                if (in == null) {
                    throw new IllegalStateException("the runtime interface client jar has no linux-x86_64 JNI library");
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            nativeClient = target;
        }
        return nativeClient;
    }

    public FunctionHost(Path functionZip, Path workDir, Map<String, String> baseEnvironment, int maxContainers) {
        this.taskRoot = workDir.resolve("task");
        this.logs = workDir.resolve("logs");
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.maxContainers = maxContainers;
        this.java = ProcessHandle.current().info().command().orElse("java");
        unzip(functionZip, taskRoot);
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.classpath = classpath(taskRoot);
    }

    public void register(FunctionSpec spec) {
        specs.put(spec.name(), spec);
    }

    /**
     * Changes environment variables of function {@code name}, as {@code UpdateFunctionConfiguration} does: containers
     * started before the change finish what they run and are not reused. Closing the result restores the previous
     * configuration the same way.
     */
    public Reconfigured reconfigure(String name, Map<String, String> changes) {
        FunctionSpec before = spec(name);
        Map<String, String> environment = new HashMap<>(before.environment());
        environment.putAll(changes);
        specs.put(name, new FunctionSpec(name, before.handler(), before.memoryMb(), before.timeout(), Map.copyOf(environment)));
        return () -> specs.put(name, before);
    }

    /** A configuration change that {@link #close()} undoes. */
    public interface Reconfigured extends AutoCloseable {
        @Override
        void close();
    }

    public boolean has(String name) {
        return specs.containsKey(name);
    }

    public Path logOf(String name) {
        return logs.resolve(name + ".log");
    }

    public Path logDirectory() {
        return logs;
    }

    /** Process ids of every container still running (for tests that prove nothing is left). */
    public List<Long> livePids() {
        return all.stream().filter(Container::alive).map(Container::pid).toList();
    }

    public Invocation invoke(String name, byte[] payload) {
        FunctionSpec spec = spec(name);
        Container container = acquire(spec);
        try {
            return container.invoke(payload);
        } finally {
            release(spec, container);
        }
    }

    private synchronized Container acquire(FunctionSpec spec) {
        while (true) {
            if (closed) {
                throw new IllegalStateException("The function host is stopped");
            }
            Deque<Container> free = idle.computeIfAbsent(spec.name(), k -> new ArrayDeque<>());
            while (!free.isEmpty()) {
                Container c = free.pop();
                if (c.alive() && c.spec() == spec) {
                    return c;
                }
                retire(spec, c);
            }
            if (live.getOrDefault(spec.name(), 0) < maxContainers) {
                live.merge(spec.name(), 1, Integer::sum);
                Container c = new Container(spec, Container.javaCommand(java, spec, classpath, nativeClient()), environmentOf(spec), logOf(spec.name()));
                all.add(c);
                return c;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a container of " + spec.name(), e);
            }
        }
    }

    /** The environment Lambda would give a container of {@code spec}. */
    public Map<String, String> environmentOf(FunctionSpec spec) {
        Map<String, String> env = new HashMap<>(baseEnvironment);
        env.putAll(spec.environment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(spec.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", spec.handler());
        env.putIfAbsent("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        return env;
    }

    public FunctionSpec spec(String name) {
        FunctionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("No function " + name + "; known: " + specs.keySet());
        }
        return spec;
    }

    /** The java launcher of every container: this JVM's. */
    public String java() {
        return java;
    }

    /** The containers' classpath: the task root, its {@code lib/} jars, the runtime interface client. */
    public String classpath() {
        return classpath;
    }

    private synchronized void release(FunctionSpec spec, Container container) {
        if (container.alive() && !closed) {
            idle.get(spec.name()).push(container);
        } else {
            retire(spec, container);
        }
        notifyAll();
    }

    private void retire(FunctionSpec spec, Container container) {
        container.close();
        all.remove(container);
        live.merge(spec.name(), -1, Integer::sum);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        all.forEach(Container::close);
        all.clear();
    }

    /** Like Lambda's Java runtime: the task root, its {@code lib/} jars, then the runtime's own jars. */
    private static String classpath(Path taskRoot) {
        List<String> entries = new ArrayList<>();
        entries.add(taskRoot.toString());
        try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("function.zip has no lib/ folder: " + taskRoot, e);
        }
        for (Class<?> runtimeClass : List.of(com.amazonaws.services.lambda.runtime.api.client.AWSLambda.class,
                com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class,
                com.amazonaws.services.lambda.runtime.Context.class, ContainerMain.class)) {
            entries.add(codeSource(runtimeClass).toString());
        }
        return String.join(File.pathSeparator, entries.stream().distinct().toList());
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path zip, Path target) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("No function artifact at " + zip + ": build it first (./mvnw -pl functions package)");
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
