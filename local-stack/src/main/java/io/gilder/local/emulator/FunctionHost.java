package io.gilder.local.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Runs the functions of the template from the real deployment artifact ({@code function.zip},
 * unpacked like Lambda's {@code /var/task}) under the Lambda Java runtime interface client. Each
 * function keeps warm containers and starts another when all are busy, up to {@code maxContainers}.
 *
 * <p>Start-up: every container JVM loads much the same classes (Quarkus, the AWS SDK), so after one training run
 * ({@link #shareClasses}) they map them from a class-data sharing archive instead of loading and verifying them
 * again: a cold start's init takes about a third of the time. The JVM takes archived classes only from jars, so the
 * task root's own files (its classes and {@code application.properties}) are on the class path as one jar of the
 * same content; the unpacked task root stays {@code LAMBDA_TASK_ROOT}.
 */
public final class FunctionHost implements AutoCloseable {

    private final Path taskRoot;
    private final Path logs;
    private final String classpath;
    private final String java;
    private final Map<String, String> baseEnvironment;
    private final int maxContainers;
    private final Map<String, FunctionSpec> specs = new ConcurrentHashMap<>();
    private final Path classpathDirectory;
    /** The class-data sharing archive containers start with, once {@link #shareClasses} made one. */
    private volatile Path sharedArchive;
    private final Map<String, Deque<Container>> idle = new HashMap<>();
    private final Map<String, Integer> live = new HashMap<>();
    /** Every idle container, least recently used first: beyond {@link #MAX_IDLE} the oldest is stopped. */
    private final Deque<Container> idleOrder = new ArrayDeque<>();
    /**
     * Idle containers kept across all functions, as Lambda reclaims idle execution environments: the stack is shared by
     * every test class of a JVM, and each container JVM holds ~200 MB. Above what one workflow's functions need
     * (a build uses about 20), so a workflow run again finds its containers warm.
     */
    static final int MAX_IDLE = 24;
    private final List<Container> all = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger containersStarted = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong containerCpuMillis = new java.util.concurrent.atomic.AtomicLong();
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
        this.classpathDirectory = workDir.resolve("classpath");
        this.classpath = classpath(taskRoot, classpathDirectory);
    }

    /**
     * Makes the class-data sharing archive every container started afterwards uses: one container of function
     * {@code name}, with {@code environment} over its own, starts (Lambda's init), answers {@code payload}, and exits;
     * the JVM writes the classes it loaded to the archive as it ends. Without an archive (the training failed)
     * containers start as before.
     *
     * @return whether the archive was made
     */
    public boolean shareClasses(String name, Map<String, String> environment, byte[] payload, Duration timeout) {
        FunctionSpec spec = spec(name);
        Path archive = classpathDirectory.resolve("functions.jsa");
        Map<String, String> env = environmentOf(spec);
        env.putAll(environment);
        Container training = new Container(spec, Container.javaCommand(java, spec, classpath, nativeClient(),
                List.of("-XX:ArchiveClassesAtExit=" + archive)), env, logs.resolve("class-data-sharing.log"));
        all.add(training);
        boolean ended;
        try {
            training.invoke(payload);
        } finally {
            ended = training.exit(timeout);
            all.remove(training);
        }
        if (ended && Files.isRegularFile(archive)) {
            sharedArchive = archive;
            return true;
        }
        return false;
    }

    /** How many containers were started so far (class-data sharing's training run not counted), and their CPU time. */
    public String usage() {
        long cpu = containerCpuMillis.get() + all.stream().mapToLong(c -> c.cpu().toMillis()).sum();
        return containersStarted.get() + " function containers started, " + cpu / 1000 + " s CPU in them";
    }

    /** The class-data sharing archive containers start with, if one was made. */
    public Optional<Path> sharedArchive() {
        return Optional.ofNullable(sharedArchive);
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
                idleOrder.remove(c);
                if (c.alive() && c.spec() == spec) {
                    return c;
                }
                retire(spec, c);
            }
            if (live.getOrDefault(spec.name(), 0) < maxContainers) {
                live.merge(spec.name(), 1, Integer::sum);
                Path archive = sharedArchive;
                Container c = new Container(spec, Container.javaCommand(java, spec, classpath, nativeClient(),
                        archive == null ? List.of() : List.of("-XX:SharedArchiveFile=" + archive)), environmentOf(spec), logOf(spec.name()));
                all.add(c);
                containersStarted.incrementAndGet();
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
            idleOrder.addLast(container);
            while (idleOrder.size() > MAX_IDLE) {
                Container oldest = idleOrder.pollFirst();
                idle.get(oldest.spec().name()).remove(oldest);
                retire(oldest.spec(), oldest);
            }
        } else {
            retire(spec, container);
        }
        notifyAll();
    }

    private void retire(FunctionSpec spec, Container container) {
        containerCpuMillis.addAndGet(container.cpu().toMillis());
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
        all.forEach(c -> {
            containerCpuMillis.addAndGet(c.cpu().toMillis());
            c.close();
        });
        all.clear();
        Path archive = sharedArchive;
        if (archive != null) {
            try {
                Files.deleteIfExists(archive); // tens of MB, of no use once the containers are gone
            } catch (IOException e) {
                // left in the run's folder under target/
            }
        }
    }

    /**
     * Like Lambda's Java runtime: the task root, its {@code lib/} jars, then the runtime's own jars. Folders of classes
     * (the task root's own files, a class of this module run from its build folder) are put in jars under
     * {@code folder}, with the same content: class-data sharing takes classes from jars only.
     */
    private static String classpath(Path taskRoot, Path folder) {
        List<String> entries = new ArrayList<>();
        entries.add(jar(taskRoot, path -> !taskRoot.relativize(path).startsWith("lib"), folder.resolve("task-root.jar")).toString());
        try (Stream<Path> jars = Files.list(taskRoot.resolve("lib"))) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("function.zip has no lib/ folder: " + taskRoot, e);
        }
        for (Class<?> runtimeClass : List.of(com.amazonaws.services.lambda.runtime.api.client.AWSLambda.class,
                com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class,
                com.amazonaws.services.lambda.runtime.Context.class, ContainerMain.class)) {
            Path source = codeSource(runtimeClass);
            if (Files.isDirectory(source)) {
                // This module's own class, run from its build folder: that class and its nested ones.
                Path classFile = source.resolve(runtimeClass.getName().replace('.', '/') + ".class");
                String simpleName = runtimeClass.getSimpleName();
                source = jar(source, path -> path.equals(classFile) || path.getParent().equals(classFile.getParent())
                        && path.getFileName().toString().startsWith(simpleName + "$"), folder.resolve(simpleName + ".jar"));
            }
            entries.add(source.toString());
        }
        return String.join(File.pathSeparator, entries.stream().distinct().toList());
    }

    /** A jar at {@code target} of the files under {@code root} that {@code include} accepts, with their folders. */
    private static Path jar(Path root, Predicate<Path> include, Path target) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> chosen = files.filter(Files::isRegularFile).filter(include).sorted().toList();
            Files.createDirectories(target.getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
                Set<String> folders = new HashSet<>();
                for (Path file : chosen) {
                    Path relative = root.relativize(file);
                    for (int i = 1; i < relative.getNameCount(); i++) {
                        String folder = relative.subpath(0, i).toString().replace(File.separatorChar, '/') + "/";
                        if (folders.add(folder)) {
                            out.putNextEntry(new ZipEntry(folder));
                            out.closeEntry();
                        }
                    }
                    out.putNextEntry(new ZipEntry(relative.toString().replace(File.separatorChar, '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
