package io.gilder;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled production classes. One room per workflow:
 * a workflow package holds its handlers, its pure rules and records, its ports and one {@code <Workflow>Beans} wiring
 * class; adapters ({@code aws}, {@code scanner}, {@code identity}) depend on the workflows' ports, never the other way round.
 */
class ArchitectureTest {

    /** The workflow packages, plus the shared {@code registry} and {@code flow}: what the rules call "rooms". */
    static final List<String> WORKFLOWS = List.of("build", "instance", "scan", "approval", "distribution", "catalog",
            "decommission", "rescan", "revocation", "compliance", "start", "lock");
    static final String[] ROOMS = Stream.concat(WORKFLOWS.stream(), Stream.of("registry", "flow"))
            .map(p -> "io.gilder." + p + "..").toArray(String[]::new);
    static final String[] FRAMEWORKS = {"software.amazon..", "com.amazonaws..", "io.quarkus..", "jakarta..", "org.jboss..",
            "io.smallrye..", "org.eclipse.microprofile.."};

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.gilder");
    }

    /** Handlers, the one wiring class per workflow and the start-up priming are the only framework code in a room. */
    static final DescribedPredicate<JavaClass> FRAMEWORK_EDGE = DescribedPredicate.describe("a handler, a Beans class or HandlerPriming",
            c -> topLevel(c).getSimpleName().endsWith("Handler") || topLevel(c).getSimpleName().endsWith("Beans")
                    || topLevel(c).getSimpleName().equals("HandlerPriming"));

    @Test
    void pureRulesImportNoAwsSdkQuarkusOrLambda() {
        check(noClasses().that().resideInAnyPackage(ROOMS).and(DescribedPredicate.not(FRAMEWORK_EDGE))
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("rules and records are plain Java, testable without AWS or a container"));
    }

    @Test
    void workflowPackagesHaveNoCycles() {
        check(slices().matching("io.gilder.(*)..").should().beFreeOfCycles());
    }

    @Test
    void roomsNeverReachIntoAdapters() {
        check(noClasses().that().resideInAnyPackage(ROOMS)
                .should().dependOnClassesThat().resideInAnyPackage("io.gilder.aws..", "io.gilder.scanner..", "io.gilder.identity..")
                .because("adapters implement the rooms' ports; a room that knew its adapter could not be tested without it"));
    }

    @Test
    void configurationIsALeaf() {
        check(noClasses().that().resideInAPackage("io.gilder.config..")
                .should().dependOnClassesThat(resideInAPackage("io.gilder..").and(DescribedPredicate.not(resideInAPackage("io.gilder.config.."))))
                .because("settings are read by adapters and Beans classes; they know nothing of them"));
    }

    @Test
    void handlersLiveInWorkflowPackagesAndAreNamedForTheirState() {
        check(classes().that().areAnnotatedWith("jakarta.inject.Named").and().areNotNestedClasses()
                .should().haveSimpleNameEndingWith("Handler")
                .andShould().resideInAnyPackage(WORKFLOWS.stream().map(p -> "io.gilder." + p + "..").toArray(String[]::new)));
        check(classes().that().haveSimpleNameEndingWith("Handler").and().areTopLevelClasses()
                .should().beAnnotatedWith("jakarta.inject.Named"));
    }

    @Test
    void onlyAwsClientsBuildsSdkClients() {
        DescribedPredicate<JavaMethodCall> sdkBuilder = DescribedPredicate.describe("an AWS SDK client's builder()",
                call -> call.getTarget().getName().equals("builder")
                        && call.getTargetOwner().getPackageName().startsWith("software.amazon.awssdk.services.")
                        && call.getTargetOwner().getSimpleName().endsWith("Client"));
        check(noClasses().that().doNotHaveFullyQualifiedName("io.gilder.aws.AwsClients")
                .and().doNotHaveFullyQualifiedName("io.gilder.aws.RegionalAwsClients")
                .should().callMethodWhere(sdkBuilder)
                .because("every client's region, credentials, HTTP client, retries and endpoint are set in one place"));
    }

    @Test
    void eachWorkflowHasAtMostOneBeansClass() {
        var beans = production.stream().filter(c -> c.getSimpleName().endsWith("Beans") && c.isTopLevelClass())
                .collect(Collectors.groupingBy(c -> c.getPackageName().replaceFirst("^io\\.gilder\\.(\\w+).*", "$1"), TreeMap::new,
                        Collectors.mapping(JavaClass::getSimpleName, Collectors.toList())));
        assertThat(beans).allSatisfy((room, names) -> assertThat(names).as(room).hasSize(1));
        assertThat(beans.keySet()).containsAll(Set.of("build", "approval", "distribution", "rescan", "revocation"));
    }

    @Test
    void noPackageHoldsMoreThanFortyFiles() throws IOException {
        Path sources = Path.of("src/main/java/io/gilder");
        try (Stream<Path> dirs = Files.walk(sources)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.filter(f -> f.toString().endsWith(".java")).count()).as(dir.toString()).isLessThanOrEqualTo(40);
                }
            }
        }
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass outer = c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
