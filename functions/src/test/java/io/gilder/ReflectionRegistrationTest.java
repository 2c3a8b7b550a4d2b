package io.gilder;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A native image keeps reflection data only for registered types. Two parties register them:
 * <ul>
 * <li>Quarkus' Lambda extension (quarkus-amazon-lambda-deployment, AmazonLambdaProcessor): for every concrete
 * handler, the input and output types of its {@code RequestHandler<I, O>}, walked by quarkus-core-deployment's
 * ReflectiveHierarchyStep. {@link Registrations} re-implements that walk as read from the 3.34.1 bytecode: a type is
 * registered with its superclasses, its interfaces, the types of its instance fields (except {@code this$} and
 * {@code val$}) and the return types of its instance methods without parameters, recursively; type arguments and
 * array components are followed, type variables and wildcards are not; types of {@code java.}, {@code jakarta.},
 * Jackson's databind and a few more packages are skipped; a type outside the Jandex index (Gilder's classes and the
 * aws-lambda-java-events jar, indexed through the extension's marker) is registered but not walked; member classes
 * are not walked (ignoreNested). Quarkus also adds the known subtypes of a field or method type when that is where it
 * meets the type first, which depends on the order of its walk: those are left out here, so that everything this
 * walk finds is registered by the extension whatever the order.</li>
 * <li>Gilder, by {@code @RegisterForReflection}: what that walk does not reach. These are the types Jackson binds
 * outside the Lambda boundary (the {@code Class}, {@code TypeReference} or static value type at every call of an
 * ObjectMapper, ObjectReader or ObjectWriter read, write, convert, update or tree-to-value method, followed through
 * Gilder methods that pass their own parameter on, such as {@code EvidenceJson.read} and {@code write}), and every
 * exception of {@code io.gilder.error} (the error response names its class), each walked through its instance fields,
 * public bean getters, superclasses and subtypes.</li>
 * </ul>
 * Both sides are derived from javac's analysis of the main sources (each argument's static type as javac infers it, so
 * {@code EvidenceJson.write(changed.get())} is seen as a {@code DistributionManifest}). The test fails when Gilder
 * registers a type the extension registers already (redundant), when a type Jackson binds or an error type is
 * registered by nobody (missing), when Gilder registers a type nothing needs (unneeded), and when the type a Jackson
 * call binds is not known statically (unresolved: bind a concrete type). Values typed {@code Object} inside a map or
 * list (e.g. the {@code Map<String, Object>} a revocation execution starts with) are not followed.
 */
class ReflectionRegistrationTest {

    private static final String EXTENSION_INDEX_MARKER = "com/amazonaws/services/lambda/runtime/events/";

    private static Registrations main;

    @BeforeAll
    static void analyseMainSources() throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        main = Registrations.analyse(sources, Path.of("target/classes"), "io.gilder.error");
    }

    @Test
    void theScanFindsTheHandlersTheJacksonBindingsAndTheErrorTypes() {
        assertThat(main.handlers).as("handlers found").hasSizeGreaterThan(20);
        assertThat(main.boundary).as("handler input and output types the extension registers")
                .containsKeys("io.gilder.build.ValidatedBuild", "io.gilder.approval.RequestApprovalInput",
                        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent$RequestContext$Http");
        assertThat(main.needed).as("types bound by Jackson outside the Lambda boundary, and error types")
                .containsKeys("io.gilder.approval.ReviewSheet", "io.gilder.registry.DistributionManifest",
                        "io.gilder.rescan.RescanPointer", "io.gilder.scan.FindingsDocument", "io.gilder.error.InvalidRequestException");
        assertThat(main.needed.get("io.gilder.registry.DistributionManifest"))
                .as("the first binding found, through EvidenceJson.read").contains("S3DistributionManifests.java:");
    }

    @Test
    void gilderRegistersNoTypeTheLambdaExtensionRegistersAlready() {
        assertThat(main.redundant()).as("types Gilder registers that a handler's input or output already reaches").isEmpty();
    }

    @Test
    void everyTypeJacksonBindsOutsideTheLambdaBoundaryAndEveryErrorTypeIsRegistered() {
        assertThat(main.unresolved).as("Jackson calls whose bound type is not known statically").isEmpty();
        assertThat(main.missing()).as("types nobody registers for reflection").isEmpty();
    }

    @Test
    void gilderRegistersNothingElse() {
        assertThat(main.unneeded()).as("types Gilder registers that neither Jackson nor the error response needs").isEmpty();
    }

    /**
     * The same analysis on a handler whose input the extension cannot walk (a {@code Map}): it binds a Gilder type
     * with Jackson, directly and through a wrapper, so those types (and their field types) must be registered, as must
     * an error type; a handler's own output registered again is redundant; a registration nothing needs is unneeded.
     */
    @Test
    void aHandlerTheExtensionCannotReachFailsWhenTheTypesItBindsAreNotRegistered(@TempDir Path dir) throws IOException {
        Path handler = write(dir, "fixture/OrderHandler.java", """
                package fixture;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import com.fasterxml.jackson.core.JsonProcessingException;
                import com.fasterxml.jackson.databind.ObjectMapper;
                import io.quarkus.runtime.annotations.RegisterForReflection;
                import java.util.List;
                import java.util.Map;

                @RegisterForReflection(targets = {OrderHandler.Order.class, OrderHandler.Reply.class, Unused.class})
                public class OrderHandler implements RequestHandler<Map<String, Object>, OrderHandler.Reply> {
                    static final ObjectMapper JSON = new ObjectMapper();

                    public record Order(String id, List<Line> lines) {}
                    public record Line(String sku, int count) {}
                    public record Reply(String id, int lines) {}

                    @Override
                    public Reply handleRequest(Map<String, Object> input, Context context) {
                        Order order = JSON.convertValue(input, Order.class);
                        Stock stock = Documents.read("{}", Stock.class);
                        if (stock.available() < order.lines().size()) {
                            throw new fixture.error.NoStockException(order.id());
                        }
                        return new Reply(order.id(), order.lines().size());
                    }

                    static String dump(Map<String, Object> input) throws JsonProcessingException {
                        Object any = input.get("any");
                        return JSON.writeValueAsString(any);
                    }
                }
                """);
        Path documents = write(dir, "fixture/Documents.java", """
                package fixture;

                final class Documents {
                    static <T> T read(String body, Class<T> type) {
                        try {
                            return OrderHandler.JSON.readValue(body, type);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """);
        Path stock = write(dir, "fixture/Stock.java", "package fixture;\npublic record Stock(String sku, int available) {}\n");
        Path unused = write(dir, "fixture/Unused.java", "package fixture;\npublic record Unused(String name) {}\n");
        Path error = write(dir, "fixture/error/NoStockException.java", """
                package fixture.error;
                public class NoStockException extends RuntimeException {
                    public NoStockException(String order) { super("no stock for " + order); }
                }
                """);

        Registrations fixture = Registrations.analyse(List.of(handler, documents, stock, unused, error), null, "fixture.error");

        assertThat(fixture.handlers).containsExactly("fixture.OrderHandler");
        assertThat(fixture.missing()).containsOnlyKeys("fixture.OrderHandler$Line", "fixture.Stock", "fixture.error.NoStockException");
        assertThat(fixture.missing().get("fixture.Stock")).contains("OrderHandler.java:22");
        assertThat(fixture.redundant()).containsOnlyKeys("fixture.OrderHandler$Reply");
        assertThat(fixture.unneeded()).containsOnlyKeys("fixture.Unused");
        assertThat(fixture.unresolved).singleElement().asString().contains("OrderHandler.java:31");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** Who registers what for reflection, and who needs what, derived from javac's analysis of some sources. */
    static final class Registrations {

        /** Packages ReflectiveHierarchyBuildItem.DefaultIgnoreTypePredicate skips (quarkus-core-deployment 3.34.1). */
        private static final List<String> IGNORED_PACKAGES = List.of("java.", "io.reactivex.", "org.reactivestreams.",
                "org.slf4j.", "jakarta.", "javax.net.ssl.", "javax.xml.", "javax.management.", "reactor.core.",
                "com.fasterxml.jackson.databind.", "io.vertx.core.json.", "kotlin.", "javax.sql.", "javax.naming.");
        private static final Set<String> ALLOWED_FROM_IGNORED = Set.of("java.math.BigDecimal", "java.math.BigInteger");
        private static final Set<String> JACKSON_BINDERS = Set.of("com.fasterxml.jackson.databind.ObjectMapper",
                "com.fasterxml.jackson.databind.ObjectReader", "com.fasterxml.jackson.databind.ObjectWriter");
        private static final Set<String> TYPE_TOKENS = Set.of("java.lang.Class", "com.fasterxml.jackson.core.type.TypeReference",
                "com.fasterxml.jackson.databind.JavaType", "com.fasterxml.jackson.core.type.ResolvedType");

        /** Registered by the Lambda extension: type, the handler whose input or output reaches it. */
        final Map<String, String> boundary = new TreeMap<>();
        /** Needed by Jackson outside the boundary or by the error response: type, why. */
        final Map<String, String> needed = new TreeMap<>();
        /** Registered by {@code @RegisterForReflection}: type, the annotated classes. */
        final Map<String, List<String>> registered = new TreeMap<>();
        final Set<String> handlers = new TreeSet<>();
        final Set<String> unresolved = new TreeSet<>();

        private final Trees trees;
        private final Elements elements;
        private final Types types;
        private final List<TypeElement> index = new ArrayList<>();
        private final Set<String> indexNames = new HashSet<>();
        private final Set<String> processed = new HashSet<>();
        private final Deque<Runnable> work = new ArrayDeque<>();
        private final List<Call> calls = new ArrayList<>();
        private final Map<String, ExecutableElement> references = new TreeMap<>();
        private final Map<ExecutableElement, Map<Integer, Boolean>> wrappers = new HashMap<>();

        private record Call(ExecutableElement method, List<? extends ExpressionTree> args, List<TypeMirror> argTypes,
                ExecutableElement caller, String site) {}

        private Registrations(JavacTask task) {
            trees = Trees.instance(task);
            elements = task.getElements();
            types = task.getTypes();
        }

        /**
         * Analyses {@code sources}, the project's classes being in {@code classes} (null: all are in {@code sources}).
         * Only the sources that can call a binding method are attributed (javac reads the other types from the class
         * files): those naming a Jackson binding method, then those naming a Gilder method found to pass its parameter
         * on to one, until no more are found.
         */
        static Registrations analyse(List<Path> sources, Path classes, String errorPackage) throws IOException {
            Set<String> names = new TreeSet<>(List.of("read\\w*", "write\\w*", "convert\\w*", "update\\w*", "treeToValue", "valueToTree"));
            Set<Path> chosen = new LinkedHashSet<>();
            Registrations r = null;
            while (true) {
                String alternatives = String.join("|", names);
                Pattern calls = Pattern.compile("\\b(" + alternatives + ")\\s*\\(|::(" + alternatives + ")\\b");
                List<Path> more = new ArrayList<>();
                for (Path source : sources) {
                    if (!chosen.contains(source) && (classes == null || calls.matcher(Files.readString(source)).find())) {
                        more.add(source);
                    }
                }
                if (r != null && more.isEmpty()) {
                    return r;
                }
                chosen.addAll(more);
                r = analyseOnce(List.copyOf(chosen), classes, errorPackage);
                r.wrapperNames().stream().filter(n -> names.stream().noneMatch(n::matches)).forEach(names::add);
            }
        }

        private static Registrations analyseOnce(List<Path> sources, Path classes, String errorPackage) throws IOException {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics,
                        List.of("-proc:none", "-implicit:none", "-Xlint:none", "-classpath", System.getProperty("java.class.path")),
                        null, files.getJavaFileObjectsFromPaths(sources));
                List<CompilationUnitTree> units = new ArrayList<>();
                task.parse().forEach(units::add);
                task.analyze();
                assertThat(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(Object::toString).toList()).as("javac errors in the analysed sources").isEmpty();
                Registrations r = new Registrations(task);
                r.run(units, classes, errorPackage);
                return r;
            }
        }

        private Set<String> wrapperNames() {
            Set<String> result = new TreeSet<>();
            wrappers.keySet().forEach(m -> result.add(m.getSimpleName().toString()));
            return result;
        }

        /** Registered by Gilder and by the extension. */
        Map<String, String> redundant() {
            Map<String, String> result = new TreeMap<>();
            registered.forEach((type, by) -> {
                if (boundary.containsKey(type)) {
                    result.put(type, "registered by " + by + ", already registered by the Lambda extension from " + boundary.get(type));
                } else if (by.size() > 1) {
                    result.put(type, "registered twice, by " + by);
                }
            });
            return result;
        }

        /** Needed, registered by nobody. */
        Map<String, String> missing() {
            Map<String, String> result = new TreeMap<>(needed);
            result.keySet().removeAll(boundary.keySet());
            result.keySet().removeAll(registered.keySet());
            return result;
        }

        /** Registered by Gilder, needed by nobody (and not registered by the extension: that is redundant()). */
        Map<String, List<String>> unneeded() {
            Map<String, List<String>> result = new TreeMap<>(registered);
            result.keySet().removeAll(needed.keySet());
            result.keySet().removeAll(boundary.keySet());
            return result;
        }

        private void run(List<CompilationUnitTree> units, Path classes, String errorPackage) throws IOException {
            Map<String, TypeElement> all = new TreeMap<>();
            for (CompilationUnitTree unit : units) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree node, Void unused) {
                        TypeElement t = (TypeElement) trees.getElement(getCurrentPath());
                        if (t.getNestingKind() != NestingKind.ANONYMOUS && t.getNestingKind() != NestingKind.LOCAL) {
                            all.put(name(t), t);
                        }
                        return super.visitClass(node, unused);
                    }

                    @Override
                    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                        record(unit, getCurrentPath(), node.getArguments());
                        return super.visitMethodInvocation(node, unused);
                    }

                    @Override
                    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
                        if (trees.getElement(getCurrentPath()) instanceof ExecutableElement m) {
                            references.put(site(unit, node), m);
                        }
                        return super.visitMemberReference(node, unused);
                    }
                }.scan(unit, null);
            }
            if (classes != null) {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String binary = classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                        if (!binary.endsWith("module-info") && !binary.endsWith("package-info") && !binary.matches(".*\\$\\d.*")) {
                            TypeElement t = elements.getTypeElement(binary.replace('$', '.'));
                            assertThat(t).as(binary).isNotNull();
                            all.putIfAbsent(name(t), t);
                        }
                    }
                }
            }
            List<TypeElement> sourceTypes = List.copyOf(all.values());
            index.addAll(sourceTypes);
            index.addAll(extensionIndexedJarTypes());
            index.forEach(t -> indexNames.add(name(t)));

            // The extension: every concrete handler's RequestHandler<I, O>, walked.
            TypeElement requestHandler = elements.getTypeElement("com.amazonaws.services.lambda.runtime.RequestHandler");
            for (TypeElement t : sourceTypes) {
                if (t.getModifiers().contains(Modifier.ABSTRACT) || t.getKind().isInterface() || hasAnnotation(t, "jakarta.decorator.Decorator")
                        || !types.isSubtype(types.erasure(t.asType()), types.erasure(requestHandler.asType()))) {
                    continue;
                }
                handlers.add(name(t));
                DeclaredType io = supertype(t.asType(), "com.amazonaws.services.lambda.runtime.RequestHandler");
                String handler = name(t);
                for (TypeMirror arg : io.getTypeArguments()) {
                    TypeMirror type = arg.getKind() == TypeKind.TYPEVAR ? ((TypeVariable) arg).getUpperBound() : arg;
                    hierarchy(type, handler);
                }
            }
            while (!work.isEmpty()) {
                work.removeFirst().run();
            }

            // Jackson outside the boundary: every binding call, through Gilder methods that pass their parameter on.
            int known;
            do {
                known = wrappers.values().stream().mapToInt(Map::size).sum();
                for (Call c : calls) {
                    bind(c);
                }
            } while (wrappers.values().stream().mapToInt(Map::size).sum() != known);
            references.forEach((site, m) -> {
                if (!sinkParameters(m).isEmpty()) {
                    unresolved.add(site + ": a method reference to " + m.getEnclosingElement().getSimpleName() + "." + m.getSimpleName()
                            + " binds what it is given; call it with an argument of a concrete type");
                }
            });

            // The error response: every exception of the error package.
            TypeElement throwable = elements.getTypeElement("java.lang.Throwable");
            for (TypeElement t : sourceTypes) {
                String pkg = elements.getPackageOf(t).getQualifiedName().toString();
                if ((pkg.equals(errorPackage) || pkg.startsWith(errorPackage + "."))
                        && types.isSubtype(types.erasure(t.asType()), throwable.asType())) {
                    jacksonNeeds(t.asType(), "an exception of " + errorPackage);
                }
            }

            for (TypeElement t : sourceTypes) {
                for (AnnotationMirror a : t.getAnnotationMirrors()) {
                    if (!name((TypeElement) a.getAnnotationType().asElement()).equals("io.quarkus.runtime.annotations.RegisterForReflection")) {
                        continue;
                    }
                    List<String> targets = new ArrayList<>();
                    a.getElementValues().forEach((key, value) -> {
                        if (key.getSimpleName().contentEquals("targets")) {
                            for (Object v : (List<?>) value.getValue()) {
                                targets.add(name((TypeElement) ((DeclaredType) ((AnnotationValue) v).getValue()).asElement()));
                            }
                        } else if (key.getSimpleName().contentEquals("classNames")) {
                            for (Object v : (List<?>) value.getValue()) {
                                targets.add((String) ((AnnotationValue) v).getValue());
                            }
                        }
                    });
                    if (targets.isEmpty()) {
                        targets.add(name(t));
                    }
                    targets.forEach(n -> registered.computeIfAbsent(n, k -> new ArrayList<>()).add(t.getSimpleName().toString()));
                }
            }
        }

        // ---- the Lambda extension's walk (ReflectiveHierarchyStep)

        /**
         * addReflectiveHierarchy. Quarkus also registers the known subclasses and implementors of a type reached here
         * first, but whether it is reached here first (or as a superclass or interface, without them) depends on the
         * order of its walk: they are left out, so that what this walk finds is always registered by the extension.
         */
        private void hierarchy(TypeMirror t, String source) {
            recursively(t, source);
        }

        private void recursively(TypeMirror t, String source) {
            if (t.getKind() == TypeKind.ARRAY) {
                work.add(() -> recursively(((ArrayType) t).getComponentType(), source));
            } else if (t.getKind() == TypeKind.DECLARED) {
                classHierarchy((TypeElement) ((DeclaredType) t).asElement(), source);
                for (TypeMirror arg : ((DeclaredType) t).getTypeArguments()) {
                    work.add(() -> recursively(arg, source));
                }
            }
        }

        private void classHierarchy(TypeElement e, String source) {
            String name = name(e);
            if (processed.contains(name) || ignored(name)) {
                return;
            }
            processed.add(name);
            boundary.put(name, source);
            if (!indexNames.contains(name)) {
                return;
            }
            if (e.getSuperclass().getKind() == TypeKind.DECLARED) {
                work.add(() -> classHierarchy((TypeElement) ((DeclaredType) e.getSuperclass()).asElement(), source));
            }
            for (TypeMirror i : e.getInterfaces()) {
                work.add(() -> recursively(i, source));
            }
            for (Element m : e.getEnclosedElements()) {
                if (m.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                if (m.getKind() == ElementKind.FIELD && !m.getSimpleName().toString().startsWith("this$")
                        && !m.getSimpleName().toString().startsWith("val$")) {
                    work.add(() -> hierarchy(m.asType(), source));
                } else if (m.getKind() == ElementKind.METHOD && ((ExecutableElement) m).getParameters().isEmpty()
                        && ((ExecutableElement) m).getReturnType().getKind() != TypeKind.VOID) {
                    work.add(() -> hierarchy(((ExecutableElement) m).getReturnType(), source));
                }
            }
        }

        // ---- Jackson

        private void record(CompilationUnitTree unit, TreePath path, List<? extends ExpressionTree> args) {
            if (!(trees.getElement(path) instanceof ExecutableElement method)) {
                return;
            }
            List<TypeMirror> argTypes = args.stream().map(a -> trees.getTypeMirror(new TreePath(path, a))).toList();
            ExecutableElement caller = null;
            for (TreePath p = path; p != null; p = p.getParentPath()) {
                if (p.getLeaf() instanceof MethodTree) {
                    caller = (ExecutableElement) trees.getElement(p);
                    break;
                }
                if (p.getLeaf() instanceof ClassTree) {
                    break;
                }
            }
            calls.add(new Call(method, args, argTypes, caller, site(unit, path.getLeaf())));
        }

        /** The parameters of {@code m} whose value (false) or type token (true) Jackson binds. */
        private Map<Integer, Boolean> sinkParameters(ExecutableElement m) {
            Map<Integer, Boolean> result = new LinkedHashMap<>(wrappers.getOrDefault(m, Map.of()));
            if (m.getEnclosingElement() instanceof TypeElement owner && JACKSON_BINDERS.contains(name(owner))
                    && m.getSimpleName().toString().matches("(read|write|convert|update|treeToValue|valueToTree).*")) {
                List<? extends VariableElement> parameters = m.getParameters();
                for (int i = 0; i < parameters.size(); i++) {
                    TypeMirror p = types.erasure(parameters.get(i).asType());
                    if (p.getKind() == TypeKind.DECLARED) {
                        String n = name((TypeElement) ((DeclaredType) p).asElement());
                        if (n.equals("java.lang.Object")) {
                            result.put(i, false);
                        } else if (TYPE_TOKENS.contains(n)) {
                            result.put(i, true);
                        }
                    }
                }
            }
            return result;
        }

        private void bind(Call c) {
            sinkParameters(c.method()).forEach((i, token) -> {
                if (i >= c.args().size()) {
                    return;
                }
                TypeMirror type = c.argTypes().get(i);
                TypeMirror bound = token ? tokenType(type) : type;
                if (bound != null && concrete(bound, token)) {
                    jacksonNeeds(bound, "bound by Jackson at " + c.site() + " (" + c.method().getEnclosingElement().getSimpleName()
                            + "." + c.method().getSimpleName() + ")");
                    return;
                }
                int parameter = parameterIndex(c.caller(), c.args().get(i));
                if (parameter < 0) {
                    unresolved.add(c.site() + ": " + c.method().getEnclosingElement().getSimpleName() + "." + c.method().getSimpleName()
                            + " binds a " + type + "; give it a value or Class of a concrete type");
                    return;
                }
                // A Gilder method passing its own parameter to a binding method binds what its callers pass.
                addWrapper(c.caller(), parameter, token);
                TypeElement owner = (TypeElement) c.caller().getEnclosingElement();
                for (TypeElement s : allSupertypes(owner)) {
                    for (ExecutableElement m : ElementFilter.methodsIn(s.getEnclosedElements())) {
                        if (elements.overrides(c.caller(), m, owner)) {
                            addWrapper(m, parameter, token);
                        }
                    }
                }
            });
        }

        private void addWrapper(ExecutableElement m, int parameter, boolean token) {
            wrappers.computeIfAbsent(m, k -> new HashMap<>()).putIfAbsent(parameter, token);
        }

        private TypeMirror tokenType(TypeMirror t) {
            if (t.getKind() != TypeKind.DECLARED) {
                return null;
            }
            DeclaredType token = supertype(t, "java.lang.Class");
            if (token == null) {
                token = supertype(t, "com.fasterxml.jackson.core.type.TypeReference");
            }
            return token == null || token.getTypeArguments().isEmpty() ? null : token.getTypeArguments().get(0);
        }

        private boolean concrete(TypeMirror t, boolean token) {
            return switch (t.getKind()) {
                case DECLARED -> token || !name((TypeElement) ((DeclaredType) t).asElement()).equals("java.lang.Object");
                case ARRAY -> concrete(((ArrayType) t).getComponentType(), true);
                case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE, NULL -> true;
                default -> false;
            };
        }

        private int parameterIndex(ExecutableElement caller, ExpressionTree arg) {
            while (arg instanceof ParenthesizedTree p) {
                arg = p.getExpression();
            }
            if (caller == null || !(arg instanceof IdentifierTree)) {
                return -1;
            }
            for (int i = 0; i < caller.getParameters().size(); i++) {
                if (caller.getParameters().get(i).getSimpleName().contentEquals(((IdentifierTree) arg).getName())) {
                    return i;
                }
            }
            return -1;
        }

        /** What Jackson reads or writes of {@code t}: fields, bean getters, superclasses, subtypes, type arguments. */
        private void jacksonNeeds(TypeMirror t, String why) {
            if (t.getKind() == TypeKind.ARRAY) {
                jacksonNeeds(((ArrayType) t).getComponentType(), why);
                return;
            }
            if (t.getKind() != TypeKind.DECLARED) {
                return;
            }
            ((DeclaredType) t).getTypeArguments().forEach(arg -> jacksonNeeds(arg, why));
            TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
            String name = name(e);
            if (ignored(name) || needed.containsKey(name)) {
                return;
            }
            needed.put(name, why);
            if (!indexNames.contains(name)) {
                return;
            }
            jacksonNeeds(e.getSuperclass(), why);
            subtypes(e).forEach(sub -> jacksonNeeds(sub.asType(), why));
            for (Element m : e.getEnclosedElements()) {
                if (m.getModifiers().contains(Modifier.STATIC)) {
                    continue;
                }
                if (m.getKind() == ElementKind.FIELD && !m.getModifiers().contains(Modifier.TRANSIENT)) {
                    jacksonNeeds(m.asType(), why);
                } else if (m.getKind() == ElementKind.METHOD && m.getModifiers().contains(Modifier.PUBLIC)
                        && ((ExecutableElement) m).getParameters().isEmpty()
                        && m.getSimpleName().toString().matches("(get|is)[A-Z].*")) {
                    jacksonNeeds(((ExecutableElement) m).getReturnType(), why);
                }
            }
        }

        // ---- helpers

        /** The classes of the jars holding the extension's index marker (aws-lambda-java-events): in the Jandex index. */
        private List<TypeElement> extensionIndexedJarTypes() throws IOException {
            List<TypeElement> result = new ArrayList<>();
            Enumeration<URL> marked = ReflectionRegistrationTest.class.getClassLoader().getResources(EXTENSION_INDEX_MARKER);
            while (marked.hasMoreElements()) {
                URL url = marked.nextElement();
                if (!url.getProtocol().equals("jar")) {
                    continue;
                }
                String file = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
                try (JarFile jar = new JarFile(URLDecoder.decode(file, StandardCharsets.UTF_8))) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class")
                                    && !n.matches(".*\\$\\d.*"))
                            .map(n -> elements.getTypeElement(n.substring(0, n.length() - 6).replace('/', '.').replace('$', '.')))
                            .filter(t -> t != null).forEach(result::add);
                }
            }
            assertThat(result).as("classes of the jar holding " + EXTENSION_INDEX_MARKER).isNotEmpty();
            return result;
        }

        private List<TypeElement> subtypes(TypeElement e) {
            TypeMirror erased = types.erasure(e.asType());
            return index.stream().filter(s -> s != e && !s.getKind().isInterface()
                    && types.isSubtype(types.erasure(s.asType()), erased)).toList();
        }

        private DeclaredType supertype(TypeMirror t, String name) {
            Deque<TypeMirror> todo = new ArrayDeque<>(List.of(t));
            while (!todo.isEmpty()) {
                TypeMirror s = todo.removeFirst();
                if (s.getKind() == TypeKind.DECLARED && name((TypeElement) ((DeclaredType) s).asElement()).equals(name)) {
                    return (DeclaredType) s;
                }
                todo.addAll(types.directSupertypes(s));
            }
            return null;
        }

        private Set<TypeElement> allSupertypes(TypeElement t) {
            Set<TypeElement> result = new HashSet<>();
            Deque<TypeMirror> todo = new ArrayDeque<>(types.directSupertypes(t.asType()));
            while (!todo.isEmpty()) {
                TypeMirror s = todo.removeFirst();
                if (s.getKind() == TypeKind.DECLARED && result.add((TypeElement) ((DeclaredType) s).asElement())) {
                    todo.addAll(types.directSupertypes(s));
                }
            }
            return result;
        }

        private static boolean ignored(String name) {
            return !ALLOWED_FROM_IGNORED.contains(name) && IGNORED_PACKAGES.stream().anyMatch(name::startsWith);
        }

        private static boolean hasAnnotation(TypeElement t, String annotation) {
            return t.getAnnotationMirrors().stream().anyMatch(a -> a.getAnnotationType().toString().equals(annotation));
        }

        private String name(TypeElement t) {
            return elements.getBinaryName(t).toString();
        }

        private String site(CompilationUnitTree unit, Tree node) {
            long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, node));
            return Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line;
        }
    }
}
