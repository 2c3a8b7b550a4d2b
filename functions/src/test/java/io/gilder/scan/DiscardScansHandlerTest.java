package io.gilder.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.config.ScannerConfig;
import io.gilder.error.InvalidRequestException;
import io.gilder.error.ScannerBusyException;
import io.gilder.flow.QueuedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Discard Scans picks the owner from the ended execution (build or rescan by its state machine, the execution's name),
 * looks back from its start, and asks only the scanners that keep scans at their side and are set up.
 */
class DiscardScansHandlerTest {

    static final String BUILD_MACHINE = "arn:aws:states:us-east-1:111122223333:stateMachine:gilder-build-golden-ami";
    static final String RESCAN_MACHINE = "arn:aws:states:us-east-1:111122223333:stateMachine:gilder-rescan-golden-amis";
    static final Instant STARTED = Instant.parse("2026-12-04T10:00:00Z");

    /** A scanner that records what it was asked to discard and answers its titles' refs. */
    static final class RecordingScanner implements Scanner {
        final String name;
        final boolean network;
        final Optional<String> missing;
        final List<String> asked = new ArrayList<>();
        RuntimeException failure;

        RecordingScanner(String name, boolean network, Optional<String> missing) {
            this.name = name;
            this.network = network;
            this.missing = missing;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean scansOverTheNetwork() {
            return network;
        }

        @Override
        public Optional<String> missingSettings() {
            return missing;
        }

        @Override
        public List<String> discard(ScanTitle owner, Instant since) {
            asked.add(owner + " since " + since);
            if (failure != null) {
                throw failure;
            }
            return List.of(name + "-ref");
        }

        @Override
        public String start(ScanTarget target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScanProgress status(String scanRef) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScanResults results(String scanRef) {
            throw new UnsupportedOperationException();
        }
    }

    final RecordingScanner qualys = new RecordingScanner("qualys", true, Optional.empty());
    final RecordingScanner tenable = new RecordingScanner("tenable", true, Optional.of("TenableCredentialsSecretArn is empty"));
    final RecordingScanner inspector = new RecordingScanner("inspector", false, Optional.empty());
    final DiscardScansHandler handler = new DiscardScansHandler(new Scanners(List.of(qualys, tenable, inspector)), config());

    static ScannerConfig config() {
        ScannerConfig.Owners owners = new ScannerConfig.Owners() {
            @Override
            public Optional<String> buildStateMachineArn() {
                return Optional.of(BUILD_MACHINE);
            }

            @Override
            public Optional<String> rescanStateMachineArn() {
                return Optional.of(RESCAN_MACHINE);
            }
        };
        return (ScannerConfig) java.lang.reflect.Proxy.newProxyInstance(ScannerConfig.class.getClassLoader(),
                new Class<?>[] {ScannerConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("owners")) {
                        return owners;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static DiscardScansHandler.Event ended(String machine, String execution, Long startMillis) {
        return new DiscardScansHandler.Event(new DiscardScansHandler.Detail(machine.replace(":stateMachine:", ":execution:") + ":" + execution,
                machine, "FAILED", startMillis));
    }

    @Test
    void aFailedBuildsScansAreLookedForFromAnHourBeforeItStartedAtTheSetUpNetworkScannersOnly() {
        var out = handler.handleRequest(ended(BUILD_MACHINE, "build-42", STARTED.toEpochMilli()), null);

        assertThat(out.owner()).isEqualTo("build execution build-42");
        assertThat(out.removed()).isEqualTo(Map.of("qualys", List.of("qualys-ref")));
        assertThat(qualys.asked).containsExactly("build execution build-42 since 2026-12-04T09:00:00Z");
        assertThat(tenable.asked).as("Tenable is not set up on this stack").isEmpty();
        assertThat(inspector.asked).as("Inspector keeps nothing at its side").isEmpty();
    }

    @Test
    void aRescansScansAreTheRescanKindAndOtherMachinesStartNoScan() {
        assertThat(handler.handleRequest(ended(RESCAN_MACHINE, "nightly", STARTED.toEpochMilli()), null).owner())
                .isEqualTo("rescan execution nightly");

        var other = handler.handleRequest(ended("arn:aws:states:us-east-1:111122223333:stateMachine:gilder-revoke-golden-ami", "r-1",
                STARTED.toEpochMilli()), null);
        assertThat(other.owner()).isNull();
        assertThat(qualys.asked).hasSize(1);
    }

    @Test
    void aBusyScannerFailsTheCallSoThatItIsRetried() {
        qualys.failure = new ScannerBusyException("scan/1.1 is still canceling");

        assertThatThrownBy(() -> handler.handleRequest(ended(BUILD_MACHINE, "build-43", STARTED.toEpochMilli()), null))
                .isInstanceOf(ScannerBusyException.class).hasMessageContaining("scan/1.1");
    }

    @Test
    void anEventWithoutExecutionOrStartIsRefusedNamingTheFields() {
        assertThatThrownBy(() -> handler.handleRequest(new DiscardScansHandler.Event(new DiscardScansHandler.Detail(null, BUILD_MACHINE,
                "FAILED", null)), null)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("detail.executionArn").hasMessageContaining("detail.startDate");
        assertThat(qualys.asked).isEmpty();
    }

    /**
     * The second pass: the ending as DiscardScansAgainQueue hands it over 5 minutes later (a batch of one SQS message whose
     * body is the EventBridge event, with the fields Step Functions sends and this handler does not read).
     */
    @Test
    void theSameEndingFromTheQueueIsLookedForLikeTheEventAndABadMessageIsRefusedByField() {
        String execution = BUILD_MACHINE.replace(":stateMachine:", ":execution:") + ":build-44";
        String body = "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"Step Functions Execution Status Change\","
                + "\"source\":\"aws.states\",\"account\":\"111122223333\",\"time\":\"2026-12-04T10:05:00Z\","
                + "\"region\":\"us-east-1\",\"resources\":[\"" + execution + "\"],\"detail\":{\"executionArn\":\"" + execution
                + "\",\"stateMachineArn\":\"" + BUILD_MACHINE + "\",\"name\":\"build-44\",\"status\":\"ABORTED\","
                + "\"startDate\":" + STARTED.toEpochMilli() + ",\"stopDate\":" + STARTED.plusSeconds(300).toEpochMilli()
                + ",\"input\":\"{}\",\"output\":null}}";

        var out = handler.handleRequest(new DiscardScansHandler.Event(null, List.of(new QueuedEvent.Message(body))), null);

        assertThat(out.owner()).isEqualTo("build execution build-44");
        assertThat(qualys.asked).containsExactly("build execution build-44 since 2026-12-04T09:00:00Z");
        assertThatThrownBy(() -> handler.handleRequest(new DiscardScansHandler.Event(null, List.of()), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Records");
        assertThatThrownBy(() -> handler.handleRequest(new DiscardScansHandler.Event(null,
                List.of(new QueuedEvent.Message("{\"detail\":\"not an object\"}"))), null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Records[0].body");
        assertThat(qualys.asked).hasSize(1);
    }
}
