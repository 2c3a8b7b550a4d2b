package io.gilder;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.junit.jupiter.api.Test;

/**
 * A native image keeps reflection data only for registered types. This test derives what crosses the Lambda
 * boundary from the code (every handler's RequestHandler input and output type and, recursively, the Gilder types
 * of their fields, plus every exception of io.gilder.error, whose fields the error response is built from) and
 * fails when one of them is not named in a {@code @RegisterForReflection} of the functions.
 */
class ReflectionRegistrationTest {

    @Test
    void everyTypeCrossingTheLambdaBoundaryIsRegisteredForReflection() throws Exception {
        List<Class<?>> classes = gilderClasses();
        Set<Class<?>> needed = new HashSet<>();
        int handlers = 0;
        for (Class<?> c : classes) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    handlers++;
                    for (Type arg : p.getActualTypeArguments()) {
                        walk(arg, needed);
                    }
                }
            }
            if (c.getPackageName().equals("io.gilder.error") && Throwable.class.isAssignableFrom(c)) {
                walk(c, needed);
            }
        }
        assertThat(handlers).as("handlers found").isGreaterThan(20);
        Set<Class<?>> registered = new HashSet<>();
        for (Class<?> c : classes) {
            RegisterForReflection r = c.getAnnotation(RegisterForReflection.class);
            if (r != null) {
                registered.addAll(r.targets().length == 0 ? List.of(c) : Arrays.asList(r.targets()));
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : needed) {
            if (!registered.contains(c)) {
                missing.add(c.getName());
            }
        }
        assertThat(missing).as("types crossing the Lambda boundary without @RegisterForReflection").isEmpty();
    }

    /** Adds the Gilder types reachable from a type: itself, type arguments, array components and field types. */
    private static void walk(Type type, Set<Class<?>> needed) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType(), needed);
            for (Type arg : p.getActualTypeArguments()) {
                walk(arg, needed);
            }
        } else if (type instanceof GenericArrayType a) {
            walk(a.getGenericComponentType(), needed);
        } else if (type instanceof WildcardType w) {
            Stream.of(w.getUpperBounds()).forEach(b -> walk(b, needed));
        } else if (type instanceof Class<?> c) {
            if (c.isArray()) {
                walk(c.getComponentType(), needed);
                return;
            }
            if (!c.getName().startsWith("io.gilder.") || !needed.add(c)) {
                return;
            }
            for (Class<?> k = c; k != null && k.getName().startsWith("io.gilder."); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        walk(f.getGenericType(), needed);
                    }
                }
                if (k != c) {
                    needed.add(k);
                }
            }
        }
    }

    private static List<Class<?>> gilderClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        List<Class<?>> result = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("io/gilder"))) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path f : files) {
            String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            result.add(Class.forName(name, false, ReflectionRegistrationTest.class.getClassLoader()));
        }
        return result;
    }
}
