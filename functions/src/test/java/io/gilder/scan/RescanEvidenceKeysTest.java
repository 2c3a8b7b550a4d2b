package io.gilder.scan;

import io.gilder.build.BuildRequest;
import io.gilder.build.BuildRequests;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RescanEvidenceKeysTest {

    @Test
    void aBuildSubjectKeepsItsFindingsWhereTheBuildAlwaysDid() {
        BuildRequest request = BuildRequests.withScripts(null, null);

        assertThat(ScanEvidence.key(ScanSubject.forBuild(request, "ami-1"), "scan/1510690390.39640", ScanEvidence.FINDINGS))
                .isEqualTo(ScanEvidence.key(request, "ami-1", "scan/1510690390.39640", ScanEvidence.FINDINGS))
                .isEqualTo("AmazonLinux-2023/WebServer-1.0/7/ami-1/scan/scan-1510690390.39640/findings.json");
    }

    @Test
    void aRescanOfAGoldenImageLandsNextToItsBuildScan() {
        ScanSubject subject = ScanSubject.forRescan(new RescanTarget("ami-1", "AmazonLinux-2023", "WebServer-1.0", "7", "/GoldenAMI/x/y/7"),
                Map.of(), "t3.micro", "qualys", "arn:run");

        assertThat(ScanEvidence.key(subject, "scan/2", ScanEvidence.DELTA)).isEqualTo("AmazonLinux-2023/WebServer-1.0/7/ami-1/scan/scan-2/delta.json");
    }

    @Test
    void identitiesFromImageTagsCannotEscapeTheirPrefix() {
        ScanSubject subject = ScanSubject.forRescan(new RescanTarget("ami-9", null, null, null, null),
                Map.of("OS", "../../etc", "Product", "a/b"), "t3.micro", "qualys", "arn:run");

        assertThat(ScanEvidence.key(subject, "s1", ScanEvidence.FINDINGS)).isEqualTo("..-..-etc/a-b/unregistered/ami-9/scan/s1/findings.json");
        ScanSubject dots = ScanSubject.forRescan(new RescanTarget("ami-9", null, null, null, null), Map.of("OS", ".."), "t", "q", "r");
        assertThatThrownBy(() -> ScanEvidence.key(dots, "s1", ScanEvidence.FINDINGS)).hasMessageContaining("'..'");
    }

    @Test
    void rescanPointersAndReportsLiveUnderRescans() {
        assertThat(ScanEvidence.lastRescan("ami-0abc")).isEqualTo("rescans/last/ami-0abc.json");
        assertThat(ScanEvidence.rescanReport(LocalDate.of(2026, 1, 5), "daily-1", "report.json")).isEqualTo("rescans/2026/01/05/daily-1/report.json");
    }
}
