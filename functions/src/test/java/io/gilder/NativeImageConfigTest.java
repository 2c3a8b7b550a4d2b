package io.gilder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the native-image settings of application.properties complete by deriving them from the AWS SDK jars
 * on the test class path (the same jars the functions ship).
 */
class NativeImageConfigTest {

    private static final String SDK = "software/amazon/awssdk/";

    @Test
    void everySdkClassHoldingARandomInAStaticFieldIsInitializedAtRunTime() throws Exception {
        Set<String> derived = classesHoldingRandomStatically();
        assertThat(derived).as("the scan must find the known case, or it scans nothing")
                .contains("software.amazon.awssdk.services.dynamodb.DynamoDbRetryPolicy");
        Set<String> configured = new HashSet<>();
        for (String arg : properties().getProperty("quarkus.native.additional-build-args", "").split(",")) {
            if (arg.startsWith("--initialize-at-run-time=")) {
                configured.addAll(Arrays.asList(arg.substring("--initialize-at-run-time=".length()).split(",")));
            }
        }
        assertThat(configured).as("quarkus.native.additional-build-args --initialize-at-run-time").containsAll(derived);
    }

    @Test
    void sdkClassFilesAreNotEmbeddedAsResourcesAndNoOtherDependencyIncludesEverything() throws Exception {
        assertThat(properties().getProperty("quarkus.native.resources.excludes"))
                .contains("software/amazon/awssdk/**/*.class");
        // A resource-config.json pattern that matches class files embeds them as byte arrays in the image heap; only
        // the SDK's is known and excluded above. Any other must be looked at (and excluded) before it is accepted.
        Pattern pattern = Pattern.compile("\"pattern\"\\s*:\\s*\"([^\"]*)\"");
        List<String> broad = new ArrayList<>();
        for (Path jar : classPathJars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (JarEntry e : jf.stream().toList()) {
                    if (e.getName().startsWith("META-INF/native-image/") && e.getName().endsWith("resource-config.json")) {
                        String json = new String(jf.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                        Matcher m = pattern.matcher(json);
                        while (m.find()) {
                            String p = m.group(1);
                            Pattern resource = Pattern.compile(p.replace("\\\\", "\\"));
                            long classes = jf.stream().filter(c -> c.getName().endsWith(".class")
                                    && resource.matcher(c.getName()).matches()).count();
                            if (classes > 0) {
                                broad.add(jar.getFileName() + " " + p + " (" + classes + " class files)");
                            }
                        }
                    }
                }
            }
        }
        assertThat(broad).as("dependency resource patterns that embed class files")
                .allMatch(b -> b.contains("software/amazon/awssdk/"));
    }

    /**
     * SDK classes whose static fields, once initialized as a native build would at build time, reach a Random or
     * SplittableRandom through SDK objects: what native-image refuses in the image heap. Only classes whose bytes
     * mention randomness, backoff or retry are initialized (the rest cannot build such a value).
     */
    private static Set<String> classesHoldingRandomStatically() throws Exception {
        ClassLoader loader = NativeImageConfigTest.class.getClassLoader();
        Set<String> result = new TreeSet<>();
        for (Path jar : classPathJars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (JarEntry e : jf.stream().toList()) {
                    String n = e.getName();
                    if (!n.startsWith(SDK) || !n.endsWith(".class")) {
                        continue;
                    }
                    String bytes;
                    try (InputStream in = jf.getInputStream(e)) {
                        bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    }
                    if (!(bytes.contains("Random") || bytes.contains("Backoff") || bytes.contains("Retry"))) {
                        continue;
                    }
                    Class<?> c;
                    try {
                        c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), true, loader);
                    } catch (Throwable notLoadable) {
                        continue; // an optional dependency is absent: the class cannot be in the image either
                    }
                    for (Field f : fields(c)) {
                        if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()
                                && reachesRandom(read(f, null), java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()), 0)) {
                            result.add(c.getName());
                        }
                    }
                }
            }
        }
        return result;
    }

    private static boolean reachesRandom(Object value, Set<Object> seen, int depth) {
        if (value == null || depth > 8 || !seen.add(value)) {
            return false;
        }
        if (value instanceof Random || value instanceof SplittableRandom) {
            return !(value instanceof java.util.concurrent.ThreadLocalRandom); // native-image handles that one
        }
        if (value instanceof Iterable<?> items && value.getClass().getName().startsWith("java.util.")) {
            for (Object item : items) {
                if (reachesRandom(item, seen, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (!value.getClass().getName().startsWith("software.amazon.awssdk.")) {
            return false;
        }
        for (Class<?> k = value.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : fields(k)) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()
                        && reachesRandom(read(f, value), seen, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object read(Field f, Object owner) {
        try {
            f.setAccessible(true);
            return f.get(owner);
        } catch (Throwable unreadable) {
            return null;
        }
    }

    private static List<Field> fields(Class<?> c) {
        try {
            return Arrays.asList(c.getDeclaredFields());
        } catch (Throwable missingType) {
            return List.of();
        }
    }

    private static List<Path> classPathJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.endsWith(".jar")).map(Path::of).filter(Files::isRegularFile).toList();
    }

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }
}
