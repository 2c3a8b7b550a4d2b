package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.aws.SsmGoldenRegistry;
import io.gilder.error.ActiveListFullException;
import io.gilder.error.GilderException;
import io.gilder.error.ImageRevokedException;
import io.gilder.error.RegistryBusyException;
import io.gilder.error.VersionAlreadyRegisteredException;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The Parameter Store registry and its lease lock through the real SDK against the emulator. */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenRegistryTest {

    private static final String HOLDER = "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmiStateMachine:registry-test";

    private static final String LATEST = "/GoldenAMI/latest";
    private static final String LOCK = "/GoldenAMI/.lock/latest";

    private LocalStack aws;
    private SsmClient ssm;
    private SsmGoldenRegistry registry;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        ssm = RegionalClients.client(aws, SsmClient.builder());
        registry = new SsmGoldenRegistry(ssm, Clock.systemUTC(), Duration.ofSeconds(60));
    }

    @AfterAll
    void close() {
        ssm.close();
    }

    @BeforeEach
    void noActiveList() {
        aws.faults().reset();
        delete(LATEST);
        delete(LOCK);
    }

    @Test
    void theImageParameterIsAnEc2ImageIdThatIsNeverReplaced() {
        String name = "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + UUID.randomUUID();

        registry.registerImage(name, "ami-0123456789abcdef0");
        registry.registerImage(name, "ami-0123456789abcdef0");

        Parameter parameter = ssm.getParameter(r -> r.name(name)).parameter();
        assertThat(parameter.value()).isEqualTo("ami-0123456789abcdef0");
        assertThat(parameter.dataType()).isEqualTo("aws:ec2:image");
        assertThat(parameter.type()).isEqualTo(ParameterType.STRING);
        assertThat(parameter.version()).as("the retry wrote nothing").isEqualTo(1L);
        assertThatThrownBy(() -> registry.registerImage(name, "ami-0fedcba9876543210"))
                .isInstanceOf(VersionAlreadyRegisteredException.class).hasMessageContaining("ami-0123456789abcdef0");
        assertThat(ssm.getParameter(r -> r.name(name)).parameter().value()).isEqualTo("ami-0123456789abcdef0");
    }

    @Test
    void unregisteringDeletesTheParameterOnlyWhenItHoldsThatImage() {
        String name = "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + UUID.randomUUID();
        registry.registerImage(name, "ami-0123456789abcdef0");

        assertThat(registry.unregisterImage(name, "ami-0fedcba9876543210")).isFalse();
        assertThat(ssm.getParameter(r -> r.name(name)).parameter().value()).as("another image's parameter stays")
                .isEqualTo("ami-0123456789abcdef0");

        assertThat(registry.unregisterImage(name, "ami-0123456789abcdef0")).isTrue();
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name(name))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(registry.unregisterImage(name, "ami-0123456789abcdef0")).as("a re-run finds nothing to do").isFalse();
        registry.registerImage(name, "ami-0fedcba9876543210");
        assertThat(ssm.getParameter(r -> r.name(name)).parameter().value()).as("the version can be registered again")
                .isEqualTo("ami-0fedcba9876543210");
    }

    @Test
    void theActiveListIsReadWithoutClaimingItEvenWhileAnotherWriterHoldsIt() {
        registry.addActive("ami-1", HOLDER);
        registry.addActive("ami-2", HOLDER);
        String held = "owner=someone-else;expires=" + java.time.Instant.now().plusSeconds(60);
        ssm.putParameter(r -> r.name(LOCK).value(held).type(ParameterType.STRING));
        aws.faults().reset();

        assertThat(registry.activeImages()).containsExactly("ami-1", "ami-2");

        assertThat(aws.faults().calls()).containsExactly("ssm:GetParameter");
        delete(LATEST);
        assertThat(registry.activeImages()).isEmpty();
    }

    @Test
    void aWriterWhoseLeaseWasBrokenMeanwhileWritesNothingAndLeavesTheNewLockAlone() {
        registry.addActive("ami-1", HOLDER);
        String successor = "owner=hsuccessor-1;expires=" + Instant.now().plusSeconds(60);

        // Inside the critical section, as a contender that found this lease stale would: break it and take the lock.
        assertThatThrownBy(() -> registry.addActive("ami-2", HOLDER, () -> ssm.putParameter(r -> r.name(LOCK).value(successor)
                .type(ParameterType.STRING).overwrite(true)))).isInstanceOf(RegistryBusyException.class)
                .hasMessageContaining("was broken before the write").hasMessageContaining(successor);

        assertThat(latest()).isEqualTo("ami-1");
        assertThat(ssm.getParameter(r -> r.name(LOCK)).parameter().value()).as("the successor's lock stays").isEqualTo(successor);
    }

    @Test
    void aWriteBySomeoneWithoutTheLeaseBetweenTheReadAndTheWriteIsRepairedNotLost() {
        registry.addActive("ami-1", HOLDER);

        List<String> after = registry.addActive("ami-2", HOLDER, () -> ssm.putParameter(r -> r.name(LATEST).value("ami-1,ami-9")
                .type(ParameterType.STRING_LIST).overwrite(true)));

        assertThat(after).containsExactly("ami-1", "ami-9", "ami-2");
        assertThat(latest()).isEqualTo("ami-1,ami-9,ami-2");
        var history = ssm.getParameterHistory(r -> r.name(LATEST)).parameters();
        assertThat(history).hasSize(4);
        assertThat(history.get(3).description()).as("the fencing token of the write").startsWith("Active golden AMIs; written under registry lease h");
    }

    @Test
    void anAddThatWouldOverflowTheListIsRefusedAndWritesNothing() {
        String full = String.join(",", IntStream.range(0, 186).mapToObj(i -> String.format("ami-%017x", i)).toList());
        ssm.putParameter(r -> r.name(LATEST).value(full).type(ParameterType.STRING_LIST));

        assertThatThrownBy(() -> registry.addActive("ami-0ffffffffffffffff", HOLDER)).isInstanceOf(ActiveListFullException.class)
                .hasMessageContaining("187 images").hasMessageContaining("4096");

        assertThat(latest()).isEqualTo(full);
        assertThat(lockExists()).isFalse();
        assertThat(registry.removeActive("ami-00000000000000000", HOLDER)).as("removing still works").hasSize(185);
    }

    @Test
    void aPublishCheckThatRefusesChangesNothing() {
        registry.addActive("ami-1", HOLDER);

        assertThatThrownBy(() -> registry.addActive("ami-2", HOLDER, () -> {
            throw new ImageRevokedException("ami-2 was revoked");
        })).isInstanceOf(ImageRevokedException.class);

        assertThat(latest()).isEqualTo("ami-1");
        assertThat(lockExists()).isFalse();
    }

    @Test
    void aChangeWhoseWriteFailsStillReleasesItsLock() {
        registry.addActive("ami-1", HOLDER);
        aws.faults().reset();
        // The first PutParameter creates the lock, the second writes the list.
        aws.faults().failNth("ssm:PutParameter", 2, "AccessDeniedException", 400);

        assertThatThrownBy(() -> registry.addActive("ami-2", HOLDER)).isInstanceOf(GilderException.class);

        assertThat(aws.faults().fired()).hasSize(1);
        assertThat(latest()).isEqualTo("ami-1");
        assertThat(lockExists()).as("released in the finally block").isFalse();
        assertThat(registry.removeActive("ami-1", HOLDER)).as("the next writer is not blocked").isEmpty();
    }

    @Test
    void aLockClaimWhoseAnswerWasLostIsStillTheClaimantsAndIsReleased() {
        List<String> markers = breakMarkers();
        // The first PutParameter creates the lock; its answer is lost and the SDK's retry meets the lock it created.
        aws.faults().add(io.gilder.local.emulator.Faults.appliedThenLost("ssm:PutParameter", 1));

        assertThat(registry.addActive("ami-1", HOLDER)).containsExactly("ami-1");

        assertThat(aws.faults().fired()).hasSize(1);
        assertThat(latest()).isEqualTo("ami-1");
        assertThat(lockExists()).as("released, not left to lapse").isFalse();
        assertThat(breakMarkers()).as("no break marker: the lock was never taken for stale").isEqualTo(markers);
    }

    private List<String> breakMarkers() {
        return ssm.getParametersByPathPaginator(r -> r.path("/GoldenAMI/.lock").recursive(true)).stream().flatMap(page -> page.parameters().stream())
                .map(software.amazon.awssdk.services.ssm.model.Parameter::name).toList();
    }

    @Test
    void theActiveListIsCreatedAppendedOnceAndShrunk() {
        assertThat(registry.addActive("ami-1", HOLDER)).containsExactly("ami-1");
        assertThat(registry.addActive("ami-2", HOLDER)).containsExactly("ami-1", "ami-2");
        assertThat(registry.addActive("ami-1", HOLDER)).containsExactly("ami-1", "ami-2");
        assertThat(latest()).isEqualTo("ami-1,ami-2");

        assertThat(registry.removeActive("ami-1", HOLDER)).containsExactly("ami-2");
        assertThat(registry.removeActive("ami-2", HOLDER)).isEmpty();
        assertThatThrownBy(this::latest).as("an empty list is no parameter").isInstanceOf(ParameterNotFoundException.class);
        assertThat(lockExists()).isFalse();
    }

    @Test
    void aHandWrittenListIsCleanedUpOnTheNextChange() {
        ssm.putParameter(r -> r.name(LATEST).value(" ami-1 ,,ami-1, ami-2").type(ParameterType.STRING));

        assertThat(registry.addActive("ami-3", HOLDER)).containsExactly("ami-1", "ami-2", "ami-3");
        assertThat(latest()).isEqualTo("ami-1,ami-2,ami-3");
    }

    @Test
    void concurrentRegistrationsNeitherLoseNorDuplicateAnEntry() throws Exception {
        List<String> ids = IntStream.rangeClosed(1, 8).mapToObj(i -> String.format("ami-%017d", i)).toList();
        AtomicInteger busy = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String id : ids) {
                runs.add(pool.submit(() -> addRetryingLikeTheStateMachine(id, busy)));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(latest().split(",")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lockExists()).as("every holder released the lock").isFalse();
        System.out.println("registry contention: " + busy.get() + " busy answers for " + ids.size() + " writers");
    }

    @Test
    void aLiveLockMakesWritersBackOffWithoutChangingAnything() {
        registry.addActive("ami-1", HOLDER);
        String held = "owner=someone-else;expires=" + java.time.Instant.now().plusSeconds(60);
        ssm.putParameter(r -> r.name(LOCK).value(held).type(ParameterType.STRING));

        assertThatThrownBy(() -> registry.addActive("ami-2", HOLDER)).isInstanceOf(RegistryBusyException.class)
                .hasMessageContaining("someone-else");
        assertThat(latest()).isEqualTo("ami-1");
        assertThat(ssm.getParameter(r -> r.name(LOCK)).parameter().value()).as("another's lock is kept").isEqualTo(held);
    }

    @Test
    void anExecutionsCleanupReleasesTheLockItsDeadRegistrationHeldAndNoOtherLock() {
        registry.addActive("ami-1", HOLDER);
        aws.faults().reset();
        // The registration dies between taking the lock and releasing it: the release's read fails (the list's read and
        // the fence's read of the lock come first).
        aws.faults().failNth("ssm:GetParameter", 3, "AccessDeniedException", 400);
        assertThatThrownBy(() -> registry.addActive("ami-2", HOLDER)).isInstanceOf(GilderException.class);
        assertThat(lockExists()).as("left behind by the dead writer").isTrue();

        assertThat(registry.releaseLockOf("arn:aws:states:us-east-1:123456789012:execution:Other:x")).isFalse();
        assertThat(lockExists()).as("another execution's cleanup leaves it").isTrue();
        assertThat(registry.releaseLockOf(HOLDER)).isTrue();

        assertThat(lockExists()).isFalse();
        assertThat(registry.removeActive("ami-2", HOLDER)).as("no lease to wait out, no break marker").containsExactly("ami-1");
    }

    @Test
    void aStaleLockOfADeadWriterIsBrokenOnce() {
        String owner = "dead-" + UUID.randomUUID();
        ssm.putParameter(r -> r.name(LOCK).value("owner=" + owner + ";expires=2000-01-01T00:00:00Z").type(ParameterType.STRING));

        assertThat(registry.addActive("ami-1", HOLDER)).containsExactly("ami-1");

        assertThat(lockExists()).isFalse();
        assertThat(ssm.getParameter(r -> r.name(LOCK + ".broken/" + owner)).parameter().value()).startsWith("broken at ");
    }

    @Test
    void breakMarkersOlderThanTwoLeasesAreSweptByTheNextWriterAndYoungerOnesKept() {
        String old = "dead-" + UUID.randomUUID();
        String young = "dead-" + UUID.randomUUID();
        Instant now = Instant.now();
        ssm.putParameter(r -> r.name(LOCK + ".broken/" + old).value("broken at " + now.minusSeconds(121)).type(ParameterType.STRING));
        ssm.putParameter(r -> r.name(LOCK + ".broken/" + young).value("broken at " + now.minusSeconds(60)).type(ParameterType.STRING));

        registry.addActive("ami-1", HOLDER);

        assertThat(ssm.getParametersByPath(r -> r.path(LOCK + ".broken")).parameters()).extracting(p -> p.name())
                .as("a 60 s lease: markers of more than 120 s go").doesNotContain(LOCK + ".broken/" + old)
                .contains(LOCK + ".broken/" + young);
    }

    private void addRetryingLikeTheStateMachine(String id, AtomicInteger busy) {
        for (int attempt = 1; ; attempt++) {
            try {
                registry.addActive(id, HOLDER);
                return;
            } catch (RegistryBusyException e) {
                busy.incrementAndGet();
                if (attempt == 200) {
                    throw e;
                }
                sleep(ThreadLocalRandom.current().nextLong(10, 60));
            }
        }
    }

    private String latest() {
        return ssm.getParameter(r -> r.name(LATEST)).parameter().value();
    }

    private boolean lockExists() {
        try {
            ssm.getParameter(r -> r.name(LOCK));
            return true;
        } catch (ParameterNotFoundException e) {
            return false;
        }
    }

    private void delete(String name) {
        try {
            ssm.deleteParameter(r -> r.name(name));
        } catch (ParameterNotFoundException e) {
            // already absent
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
