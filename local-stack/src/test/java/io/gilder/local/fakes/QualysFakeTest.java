package io.gilder.local.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.error.ScannerAuthenticationException;
import io.gilder.error.TargetNotScannedException;
import io.gilder.scan.BasicCredentials;
import io.gilder.scan.Finding;
import io.gilder.scan.ScanProof;
import io.gilder.scan.ScanStatus;
import io.gilder.scan.ScanTarget;
import io.gilder.scanner.qualys.QualysScanner;
import io.gilder.scanner.qualys.QualysSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local Qualys fake drives Gilder's real Qualys adapter through a whole scan, as the demo does. */
class QualysFakeTest {

    /** Not the samples' address ({@value ScanTargets#SAMPLE_HOST}): the fake must report the host it was asked to scan. */
    static final ScanTarget TARGET = new ScanTarget("i-0fedcba9876543210", "10.0.7.42", "Gilder demo scan");
    @RegisterExtension
    static final WireMockPerClass wiremock = new WireMockPerClass();

    static QualysScanner scanner(QualysFake fake, String password) {
        return new QualysScanner(HttpClient.newHttpClient(), new QualysSettings(URI.create(fake.baseUrl()), "arn:local:secret",
                "Initial Options", QualysFake.SCANNER_APPLIANCE, Duration.ofSeconds(5)),
                new FixedCredentials(new BasicCredentials(QualysFake.USERNAME, password), null));
    }

    @Test
    void aScanGoesQueuedRunningFinishedAndYieldsFindingsOfSeverityOneToFour() {
        QualysFake fake = QualysFake.register(wiremock.server(), QualysFake.Options.defaults());
        QualysScanner qualys = scanner(fake, QualysFake.PASSWORD);

        assertThat(qualys.start(TARGET)).isEqualTo(QualysFake.SCAN_REF);
        assertThat(qualys.status(QualysFake.SCAN_REF).status()).isEqualTo(ScanStatus.QUEUED);
        assertThat(qualys.status(QualysFake.SCAN_REF).status()).isEqualTo(ScanStatus.RUNNING);
        assertThat(qualys.status(QualysFake.SCAN_REF).status()).isEqualTo(ScanStatus.FINISHED);
        assertThat(qualys.status(QualysFake.SCAN_REF).status()).as("stays finished").isEqualTo(ScanStatus.FINISHED);

        var findings = qualys.results(QualysFake.SCAN_REF).findings();
        assertThat(findings).extracting(Finding::severity).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(findings).flatExtracting(Finding::cves).contains("CVE-2024-0727", "CVE-1999-0524");
        assertThat(fake.launchedScans()).isEqualTo(1);
        assertThat(ScanProof.require("qualys", QualysFake.SCAN_REF, TARGET, qualys.results(QualysFake.SCAN_REF).coverage()))
                .contains("scanned 10.0.7.42 to the end");
    }

    @Test
    void aScanThatFoundNoLiveHostIsNotScannedAndItsEmptyResultsProveNothing() {
        QualysScanner qualys = scanner(QualysFake.register(wiremock.server(), QualysFake.Options.defaults().endingWith(QualysFake.Ending.NO_HOST)),
                QualysFake.PASSWORD);
        qualys.start(TARGET);
        qualys.status(QualysFake.SCAN_REF);
        qualys.status(QualysFake.SCAN_REF);

        var last = qualys.status(QualysFake.SCAN_REF);
        assertThat(last.status()).isEqualTo(ScanStatus.NOT_SCANNED);
        assertThat(last.scannerState()).contains("No_Host");
        var results = qualys.results(QualysFake.SCAN_REF);
        assertThat(results.findings()).isEmpty();
        assertThatThrownBy(() -> ScanProof.require("qualys", QualysFake.SCAN_REF, TARGET, results.coverage()))
                .isInstanceOf(TargetNotScannedException.class).hasMessageContaining("does not prove it scanned the test instance");
    }

    @Test
    void anUrgentFindingCanBeAdded() {
        QualysScanner qualys = scanner(QualysFake.register(wiremock.server(), QualysFake.Options.defaults().withUrgentFinding()), QualysFake.PASSWORD);

        assertThat(qualys.results(QualysFake.SCAN_REF).findings()).extracting(Finding::severity).contains(5);
    }

    @Test
    void theScanCanEndInErrorOrCanceledAndRegisteringAgainRestartsTheStory() {
        for (QualysFake.Ending ending : new QualysFake.Ending[] {QualysFake.Ending.ERROR, QualysFake.Ending.CANCELED}) {
            QualysScanner qualys = scanner(QualysFake.register(wiremock.server(), QualysFake.Options.defaults().endingWith(ending)),
                    QualysFake.PASSWORD);
            qualys.status(QualysFake.SCAN_REF);
            qualys.status(QualysFake.SCAN_REF);
            ScanStatus last = qualys.status(QualysFake.SCAN_REF).status();
            assertThat(last.failed()).isTrue();
            assertThat(last.name()).isEqualTo(ending == QualysFake.Ending.ERROR ? "FAILED" : "CANCELED");
        }
    }

    @Test
    void wrongCredentialsGetQualys401() {
        QualysScanner qualys = scanner(QualysFake.register(wiremock.server(), QualysFake.Options.defaults()), "wrong");

        assertThatThrownBy(() -> qualys.start(TARGET)).isInstanceOf(ScannerAuthenticationException.class)
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void theLaunchedScanIsKeptUntilTheAdapterDiscardsItCancelingItFirstAndAnotherExecutionsStays() {
        io.gilder.scan.ScanTitle owner = new io.gilder.scan.ScanTitle("fake-" + java.util.UUID.randomUUID().toString().substring(0, 8), true);
        io.gilder.scan.ScanTitle build = new io.gilder.scan.ScanTitle(owner.execution(), false);
        java.time.Instant since = java.time.Instant.now().minusSeconds(60);
        QualysScanner qualys = scanner(QualysFake.register(wiremock.server(), QualysFake.Options.defaults().withScanRef("scan/1.901")),
                QualysFake.PASSWORD);
        qualys.start(new ScanTarget("i-1", "10.0.7.43", "Gilder WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-1, execution "
                + build.execution() + ")"));
        QualysFake fake = QualysFake.register(wiremock.server(), QualysFake.Options.defaults().withScanRef("scan/1.902"));
        qualys = scanner(fake, QualysFake.PASSWORD);
        qualys.start(new ScanTarget("i-2", "10.0.7.42", "Gilder rescan WebServer-1.2 AmazonLinux-2023 v7 ami-0abc (i-2, execution "
                + owner.execution() + ")"));
        assertThat(fake.keptScans()).extracting(ScanRecords.Kept::ref).contains("scan/1.901", "scan/1.902");

        assertThat(qualys.discard(owner, since)).containsExactly("scan/1.902");

        assertThat(fake.keptScans()).extracting(ScanRecords.Kept::ref).as("the build of the same name is another owner")
                .contains("scan/1.901").doesNotContain("scan/1.902");
        wiremock.server().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/2.0/fo/scan/"))
                .withFormParam("action", com.github.tomakehurst.wiremock.client.WireMock.equalTo("cancel"))
                .withFormParam("scan_ref", com.github.tomakehurst.wiremock.client.WireMock.equalTo("scan/1.902")));
        assertThat(qualys.discard(owner, since)).as("nothing left the second time").isEmpty();
    }
}
