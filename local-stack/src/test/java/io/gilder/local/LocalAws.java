package io.gilder.local;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link LocalStack}: started once per test JVM on first use and shared by every test class that JVM
 * runs, stopped when the JVM ends (pass, fail or interrupt: the stack's shutdown hook). Use with
 * {@code @ExtendWith(LocalAws.class)} and a {@code LocalStack} parameter.
 *
 * <p>Not JUnit's root store: with two forks Surefire hands each JVM its classes one at a time, each run as a launcher
 * execution of its own whose root store closes with the class, so a stack kept there was started again for every class
 * (moto, the deployments, the class-data sharing training and every function's cold containers, ~30 s each time).
 */
public final class LocalAws implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalAws.class);
    private static LocalStack shared;

    /** Prints, as each test class ends, what the shared stack has started and used so far. */
    record Usage(LocalStack stack, String testClass) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            System.out.println("local stack after " + testClass + ": " + stack.usage());
        }
    }

    /** The checkout's root, from {@code -Dgilder.root} (set by Maven), else the parent of the working directory. */
    public static Path root() {
        String root = System.getProperty("gilder.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    /** This JVM's stack, started on first use; its shutdown hook stops it when the JVM ends. */
    static synchronized LocalStack shared() {
        if (shared == null) {
            long start = System.nanoTime();
            shared = LocalStack.start(LocalStack.Options.defaults(root()));
            System.out.printf("local stack started in %d ms (moto, fakes, pipeline and child-account deployments)%n",
                    (System.nanoTime() - start) / 1_000_000);
        }
        return shared;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = shared();
        context.getRoot().getStore(NS).getOrComputeIfAbsent("usage",
                k -> new Usage(stack, context.getRequiredTestClass().getSimpleName()), Usage.class);
        return stack;
    }
}
