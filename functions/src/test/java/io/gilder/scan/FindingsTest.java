package io.gilder.scan;

import io.gilder.build.BuildRequest;
import io.gilder.build.ScanPolicy;
import io.gilder.registry.NamedVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding, FindingsSummary, ScanStatus and ScanEvidence. */
class FindingsTest {

    static final BuildRequest REQUEST = new BuildRequest("ami-0123456789abcdef0", new NamedVersion("WebServer", "1.2"),
            new NamedVersion("AmazonLinux", "2023"), "7", "t3.medium", null, null, List.of(), List.of(), "qualys",
            new ScanPolicy(3, List.of()), 72, "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7");

    @Test
    void aFindingNeedsAnIdAndASeverityFromOneToFive() {
        assertThatThrownBy(() -> new Finding(" ", 3, "t", List.of(), null, null)).hasMessageContaining("id");
        assertThatThrownBy(() -> new Finding("1", 0, "t", List.of(), null, null)).hasMessageContaining("1-5");
        assertThatThrownBy(() -> new Finding("1", 6, "t", List.of(), null, null)).hasMessageContaining("1-5");
        assertThat(new Finding("1", 5, null, null, null, null)).satisfies(f -> {
            assertThat(f.title()).isEmpty();
            assertThat(f.cves()).isEmpty();
        });
    }

    @Test
    void theSummaryCountsEverySeverityAndNamesTheWorst() {
        FindingsSummary summary = FindingsSummary.of(List.of(new Finding("1", 4, "", List.of(), null, null),
                new Finding("2", 2, "", List.of(), null, null), new Finding("3", 4, "", List.of(), 22, "tcp")));

        assertThat(summary.total()).isEqualTo(3);
        assertThat(summary.highestSeverity()).isEqualTo(4);
        assertThat(summary.bySeverity()).containsExactly(Map.entry("1", 0), Map.entry("2", 1), Map.entry("3", 0),
                Map.entry("4", 2), Map.entry("5", 0));
    }

    @Test
    void anEmptySummaryHasEveryKeyAndHighestSeverityZero() {
        FindingsSummary summary = FindingsSummary.of(List.of());

        assertThat(summary.total()).isZero();
        assertThat(summary.highestSeverity()).isZero();
        assertThat(summary.bySeverity()).hasSize(5).allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void onlyFinishedHasResultsAndOnlyFailedOrCanceledEndWithout() {
        assertThat(ScanStatus.values()).filteredOn(ScanStatus::finished).containsExactly(ScanStatus.FINISHED);
        assertThat(ScanStatus.values()).filteredOn(ScanStatus::failed).containsExactly(ScanStatus.FAILED, ScanStatus.CANCELED,
                ScanStatus.NOT_SCANNED);
    }

    @Test
    void evidenceLivesUnderOsProductVersionImageAndAPathSafeScanRef() {
        assertThat(ScanEvidence.key(REQUEST, "ami-0abc", "scan/1741083304.41985", ScanEvidence.FINDINGS))
                .isEqualTo("AmazonLinux-2023/WebServer-1.2/7/ami-0abc/scan/scan-1741083304.41985/findings.json");
        assertThat(ScanEvidence.safe("arn:aws:inspector2:us-east-1:1:finding/a b")).isEqualTo("arn-aws-inspector2-us-east-1-1-finding-a-b");
    }

    @Test
    void rawEvidenceIsNamedAfterItsMediaType() {
        assertThat(ScanEvidence.rawFile("application/xml")).isEqualTo("raw.xml");
        assertThat(ScanEvidence.rawFile("text/xml;charset=UTF-8")).isEqualTo("raw.xml");
        assertThat(ScanEvidence.rawFile("application/json")).isEqualTo("raw.json");
    }

    @Test
    void aScanRefThatWouldClimbOutOfTheFolderIsRefused() {
        assertThat(ScanEvidence.safe("../..")).isEqualTo("..-..");
        assertThatThrownBy(() -> ScanEvidence.safe("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScanEvidence.safe("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        assertThat(new BasicCredentials("user", "hunter2").toString()).contains("user").doesNotContain("hunter2");
        assertThat(new ApiKeys("AK-public", "SK-hunter3").toString()).contains("AK-public").doesNotContain("hunter3");
    }
}
