package io.gilder.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A network scanner without a path to the test instance would prove nothing: such a stack cannot start its builds. */
class ScannerReachTest {

    static Scanner scanner(String name, boolean network, Optional<String> missing) {
        return new Scanner() {
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
            public String start(ScanTarget target) {
                throw new AssertionError("no scan may start");
            }

            @Override
            public ScanProgress status(String scanRef) {
                throw new AssertionError();
            }

            @Override
            public ScanResults results(String scanRef) {
                throw new AssertionError();
            }
        };
    }

    final List<Scanner> all = List.of(scanner("qualys", true, Optional.empty()),
            scanner("tenable", true, Optional.of("TenableScannerName is empty")), scanner("inspector", false, Optional.empty()));

    @Test
    void withoutANetworkPathNetworkScannersAreNotSetUpAndNamedByTheirParameters() {
        Scanners closed = new Scanners(all, false);

        assertThat(closed.missingSettings("qualys")).contains(Scanners.NO_NETWORK_PATH);
        assertThat(closed.missingSettings("tenable")).contains("TenableScannerName is empty; " + Scanners.NO_NETWORK_PATH);
        assertThat(closed.missingSettings("inspector")).as("Inspector scans through the SSM agent").isEmpty();
        assertThat(closed.missingSettings("none")).isEmpty();
        assertThat(Scanners.NO_NETWORK_PATH).contains("ScannerSourceCidr", "ScannerSecurityGroupId");
    }

    @Test
    void aSourceCidrOrScannerSecurityGroupOpensThePath() {
        Scanners open = new Scanners(all, true);

        assertThat(open.missingSettings("qualys")).isEmpty();
        assertThat(open.missingSettings("tenable")).contains("TenableScannerName is empty");
    }
}
