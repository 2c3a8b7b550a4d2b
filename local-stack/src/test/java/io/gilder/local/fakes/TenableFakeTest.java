package io.gilder.local.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.ScannerAuthenticationException;
import io.gilder.error.TargetNotScannedException;
import io.gilder.scan.ApiKeys;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanProof;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.scanner.tenable.TenableScanner;
import io.gilder.scanner.tenable.TenableSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local Tenable fake drives Gilder's real Tenable adapter through a whole scan, as the demo will. */
class TenableFakeTest {

    /** Not the samples' address ({@value ScanTargets#SAMPLE_HOST}): the fake must report the host it was asked to scan. */
    static final ScanTarget TARGET = new ScanTarget("i-0fedcba9876543210", "10.0.7.42", "Gilder demo scan");
    @RegisterExtension
    static final WireMockPerClass wiremock = new WireMockPerClass();

    static TenableScanner scanner(TenableFake fake, String secretKey) {
        return new TenableScanner(HttpClient.newHttpClient(), new TenableSettings(URI.create(fake.baseUrl()), "arn:local:secret",
                TenableFake.SCANNER_NAME, TenableFake.TEMPLATE_NAME, List.of(TenableFake.MANAGED_CREDENTIAL_ID),
                Duration.ofSeconds(5)), new FixedCredentials(null, new ApiKeys(TenableFake.ACCESS_KEY, secretKey)));
    }

    @Test
    void aLaterScanCanGetItsOwnIdAsTenableGivesEveryCreatedScanOne() {
        TenableFake fake = TenableFake.register(wiremock.server(), TenableFake.Options.defaults().withScanId("2077"));
        TenableScanner tenable = scanner(fake, TenableFake.SECRET_KEY);

        assertThat(tenable.start(TARGET)).isEqualTo("2077");
        assertThat(tenable.status("2077").status()).isEqualTo(ScanStatus.QUEUED);
        assertThat(fake.launchedScans()).isEqualTo(1);
    }

    @Test
    void aScanGoesPendingRunningCompletedWaitsForItsExportAndYieldsFindingsOfSeverityOneToFour() {
        TenableFake fake = TenableFake.register(wiremock.server(), TenableFake.Options.defaults());
        TenableScanner tenable = scanner(fake, TenableFake.SECRET_KEY);

        assertThat(tenable.start(TARGET)).isEqualTo(TenableFake.SCAN_REF);
        assertThat(tenable.status(TenableFake.SCAN_REF).status()).isEqualTo(ScanStatus.QUEUED);
        assertThat(tenable.status(TenableFake.SCAN_REF).status()).isEqualTo(ScanStatus.RUNNING);
        assertThat(tenable.status(TenableFake.SCAN_REF).scannerState()).as("export loading").startsWith("completed (exporting");
        assertThat(tenable.status(TenableFake.SCAN_REF).status()).isEqualTo(ScanStatus.FINISHED);
        assertThat(tenable.status(TenableFake.SCAN_REF).status()).as("stays finished").isEqualTo(ScanStatus.FINISHED);

        var findings = tenable.results(TenableFake.SCAN_REF).findings();
        assertThat(findings).extracting(Finding::severity).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(findings).flatExtracting(Finding::cves).contains("CVE-2024-0727", "CVE-1999-0524");
        assertThat(fake.launchedScans()).isEqualTo(1);
        assertThat(ScanProof.require("tenable", TenableFake.SCAN_REF, TARGET, tenable.results(TenableFake.SCAN_REF).coverage()))
                .contains("scanned 10.0.7.42 to the end");
    }

    @Test
    void anExportThatListsAnotherHostProvesNothingAboutTheTarget() {
        TenableScanner tenable = scanner(TenableFake.register(wiremock.server(), TenableFake.Options.defaults().reportingAnotherHost()),
                TenableFake.SECRET_KEY);
        tenable.start(TARGET);
        for (int i = 0; i < 4; i++) {
            tenable.status(TenableFake.SCAN_REF);
        }

        var results = tenable.results(TenableFake.SCAN_REF);
        assertThat(results.findings()).as("the other host's findings").isNotEmpty();
        assertThatThrownBy(() -> ScanProof.require("tenable", TenableFake.SCAN_REF, TARGET, results.coverage()))
                .isInstanceOf(TargetNotScannedException.class).hasMessageContaining("it names only " + TenableFake.OTHER_HOST);
    }

    @Test
    void aCriticalFindingCanBeAdded() {
        TenableScanner tenable = scanner(TenableFake.register(wiremock.server(), TenableFake.Options.defaults().withCriticalFinding()),
                TenableFake.SECRET_KEY);
        for (int i = 0; i < 4; i++) {
            tenable.status(TenableFake.SCAN_REF);
        }

        assertThat(tenable.results(TenableFake.SCAN_REF).findings()).extracting(Finding::severity).contains(5);
    }

    @Test
    void theScanCanBeCanceledOrAbortedAndRegisteringAgainRestartsTheStory() {
        for (TenableFake.Ending ending : new TenableFake.Ending[] {TenableFake.Ending.CANCELED, TenableFake.Ending.ABORTED}) {
            TenableScanner tenable = scanner(TenableFake.register(wiremock.server(), TenableFake.Options.defaults().endingWith(ending)),
                    TenableFake.SECRET_KEY);
            assertThat(tenable.status(TenableFake.SCAN_REF).status()).isEqualTo(ScanStatus.QUEUED);
            tenable.status(TenableFake.SCAN_REF);
            ScanStatus last = tenable.status(TenableFake.SCAN_REF).status();
            assertThat(last.failed()).isTrue();
            assertThat(last).isEqualTo(ending == TenableFake.Ending.CANCELED ? ScanStatus.CANCELED : ScanStatus.FAILED);
        }
    }

    @Test
    void wrongKeysGetTenable401() {
        TenableScanner tenable = scanner(TenableFake.register(wiremock.server(), TenableFake.Options.defaults()), "wrong");

        assertThatThrownBy(() -> tenable.start(TARGET)).isInstanceOf(ScannerAuthenticationException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void theScanDefinitionIsKeptUntilTheAdapterDiscardsItStoppingItFirstAndAnotherExecutionsStays() {
        io.gilder.scan.ScanTitle owner = new io.gilder.scan.ScanTitle("fake-" + java.util.UUID.randomUUID().toString().substring(0, 8), false);
        io.gilder.scan.ScanTitle other = new io.gilder.scan.ScanTitle(owner.execution() + "0", false);
        java.time.Instant since = java.time.Instant.now().minusSeconds(60);
        TenableScanner otherTenable = scanner(TenableFake.register(wiremock.server(), TenableFake.Options.defaults().withScanId("3001")),
                TenableFake.SECRET_KEY);
        otherTenable.start(new ScanTarget("i-1", "10.0.7.43", "Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-1, execution "
                + other.execution() + ")"));
        TenableFake fake = TenableFake.register(wiremock.server(), TenableFake.Options.defaults().withScanId("3002"));
        TenableScanner tenable = scanner(fake, TenableFake.SECRET_KEY);
        tenable.start(new ScanTarget("i-2", "10.0.7.42", "Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-2, execution "
                + owner.execution() + ")"));
        assertThat(fake.keptScans()).extracting(ScanRecords.Kept::ref, ScanRecords.Kept::state)
                .contains(org.assertj.core.groups.Tuple.tuple("3001", "running"), org.assertj.core.groups.Tuple.tuple("3002", "running"));

        assertThat(tenable.discard(owner, since)).containsExactly("3002");

        assertThat(fake.keptScans()).extracting(ScanRecords.Kept::ref).contains("3001").doesNotContain("3002");
        wiremock.server().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/scans/3002/stop")));
        assertThat(tenable.discard(owner, since)).as("nothing left the second time").isEmpty();
    }
}
