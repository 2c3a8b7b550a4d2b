package io.gilder.local;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link LocalStack}: started once per test JVM on first use, stopped when the run
 * ends (pass, fail or interrupt). Use with {@code @ExtendWith(LocalAws.class)} and a
 * {@code LocalStack} parameter.
 */
public final class LocalAws implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalAws.class);

    record Running(LocalStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }

    /** The checkout's root, from {@code -Dgilder.root} (set by Maven), else the parent of the working directory. */
    public static Path root() {
        String root = System.getProperty("gilder.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent("stack", k -> {
                    long start = System.nanoTime();
                    LocalStack stack = LocalStack.start(LocalStack.Options.defaults(root()));
                    System.out.printf("local stack started in %d ms (moto, fakes, pipeline and child-account deployments)%n",
                            (System.nanoTime() - start) / 1_000_000);
                    return new Running(stack);
                }, Running.class)
                .stack();
    }
}
