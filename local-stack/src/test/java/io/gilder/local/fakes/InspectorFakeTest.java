package io.gilder.local.fakes;

import io.gilder.aws.AwsClients;
import io.gilder.error.ScannerRejectedException;
import io.gilder.local.LocalAws;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.LocalNames;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.scanner.inspector.InspectorScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local Inspector fake drives Gilder's real Inspector adapter (real SDK client, through the local
 * gateway) as the demo will. Emulated by moto: whether EC2 scanning is enabled ({@code Enable},
 * {@code Disable}, {@code BatchGetAccountStatus}), so the enabled and disabled checks here are real.
 * Faked: {@code ListCoverage} (WireMock, which moto lacks) and the findings {@code ListFindings} returns
 * (moto answers what the fake queued, whatever the filter), so nothing here asserts filtering or paging
 * (see {@code InspectorScannerTest} for those, over WireMock).
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectorFakeTest {

    private LocalStack stack;
    private Inspector2Client client;
    private InspectorScanner inspector;
    private int instances;

    @BeforeAll
    void setUp(LocalStack aws) {
        stack = aws;
        client = aws.client(AwsClients.inspectorBuilder());
        inspector = new InspectorScanner(() -> client, () -> LocalNames.ACCOUNT, LocalNames.REGION);
    }

    @AfterAll
    void tearDown() {
        client.close();
        stack.gateway().answerByMoto(InspectorFake.LIST_COVERAGE);
    }

    /** A new instance id per scan: moto keeps each filter's answer, as a real account keeps each instance's findings. */
    private ScanTarget newInstance() {
        return new ScanTarget("i-0a0000000000000%02x".formatted(++instances), "10.0.1.23", "Gilder demo scan");
    }

    @Test
    void anInstanceIsCoveredThenScannedAndYieldsFindingsOfSeverityOneToFour() {
        stack.inspector(InspectorFake.Options.defaults());
        String ref = inspector.start(newInstance());

        assertThat(inspector.status(ref).scannerState()).isEqualTo("not covered yet");
        assertThat(inspector.status(ref).scannerState()).isEqualTo("INACTIVE (UNMANAGED_EC2_INSTANCE)");
        assertThat(inspector.status(ref).status()).isEqualTo(ScanStatus.RUNNING);
        assertThat(inspector.status(ref).status()).isEqualTo(ScanStatus.FINISHED);
        assertThat(inspector.status(ref).status()).as("stays scanned").isEqualTo(ScanStatus.FINISHED);

        var results = inspector.results(ref);
        assertThat(results.findings()).extracting(Finding::severity).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(results.findings()).flatExtracting(Finding::cves).contains("CVE-2024-0727");
        assertThat(new String(results.raw(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"findingPages\":[{\"findings\":");
    }

    @Test
    void disabledEc2ScanningIsRefusedByTheEmulatedAccountState() {
        stack.inspector(InspectorFake.Options.defaults().withEc2ScanningDisabled());

        assertThatThrownBy(() -> inspector.start(newInstance())).isInstanceOf(ScannerRejectedException.class)
                .hasMessageContaining("EC2 scanning: DISABLED").hasMessageContaining("aws inspector2 enable --resource-types EC2");
    }

    @Test
    void registeringAgainDropsUnreadFindingsAndCanEndUnsupportedOrAddACriticalFinding() {
        stack.inspector(InspectorFake.Options.defaults().endingWith(InspectorFake.Ending.UNSUPPORTED_OS));
        String unsupported = inspector.start(newInstance());
        for (int i = 0; i < 3; i++) {
            inspector.status(unsupported);
        }
        // Inspector cannot scan this instance: that proves nothing, so the gate must see NOT_SCANNED (never "no findings").
        assertThat(inspector.status(unsupported)).satisfies(p -> {
            assertThat(p.status()).isEqualTo(ScanStatus.NOT_SCANNED);
            assertThat(p.scannerState()).contains("UNSUPPORTED_OS");
        });

        stack.inspector(InspectorFake.Options.defaults().withCriticalFinding());
        String critical = inspector.start(newInstance());
        assertThat(inspector.results(critical).findings()).extracting(Finding::severity).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }
}
