package io.gilder.rescan;

import io.gilder.scan.Finding;
import io.gilder.scan.FindingsSummary;
import io.gilder.scan.RescanTarget;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RescanReportTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private static FindingsSummary summary(int... severities) {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < severities.length; i++) {
            findings.add(new Finding("q" + i, severities[i], "", List.of(), null, null));
        }
        return FindingsSummary.of(findings);
    }

    private static final ImageRescan QUIET = ImageRescan.scanned("ami-a", "Db-2.0 Ubuntu-24.04 v3", summary(2), summary(), true);
    private static final ImageRescan NEW_4 = ImageRescan.scanned("ami-b", "WebServer-1.2 AmazonLinux-2023 v7", summary(4, 4, 2),
            summary(4), false);
    private static final ImageRescan LOST = ImageRescan.notScanned("ami-c", null, "io.gilder.error.WaitTimedOutException: scan");

    @Test
    void countsScannedNotScannedNewAndFailing() {
        RescanReport report = new RescanReport(DAY, List.of(QUIET, NEW_4, LOST));

        assertThat(report.scanned()).isEqualTo(2);
        assertThat(report.notScanned()).isEqualTo(1);
        assertThat(report.withNewFindings()).isEqualTo(1);
        assertThat(report.failingPolicy()).isEqualTo(1);
        assertThat(report.newBySeverity()).containsExactly(entry("1", 0), entry("2", 0), entry("3", 0), entry("4", 1), entry("5", 0));
        assertThat(report.notScannedImages()).containsExactly("ami-c");
    }

    @Test
    void aFailingImageLineSaysWhatWasDoneAboutIt() {
        assertThat(RescanReport.line(NEW_4.withRevocation("revocation rescan-ami-b-0123456789abcdef started")))
                .endsWith("policy FAIL; revocation rescan-ami-b-0123456789abcdef started");
        assertThat(RescanReport.line(NEW_4)).endsWith("policy FAIL");
        assertThat(NEW_4.withRevocation("x".repeat(5000)).revocation()).hasSize(ImageRescan.MAX_ERROR);
    }

    @Test
    void imagesNeedingAttentionComeFirst() {
        RescanReport report = new RescanReport(DAY, List.of(QUIET, NEW_4, LOST));

        assertThat(report.images()).extracting(ImageRescan::imageId).containsExactly("ami-c", "ami-b", "ami-a");
    }

    @Test
    void subjectSaysHowManyWereScannedAndWhatIsNew() {
        assertThat(new RescanReport(DAY, List.of(QUIET, NEW_4, LOST)).subject())
                .isEqualTo("Gilder rescan 2026-11-23: 2 of 3 images scanned, 1 with new findings (worst 4), 1 failing policy");
        assertThat(new RescanReport(DAY, List.of(QUIET)).subject()).isEqualTo("Gilder rescan 2026-11-23: 1 of 1 images scanned, nothing new");
        assertThat(new RescanReport(DAY, List.of()).subject()).isEqualTo("Gilder rescan 2026-11-23: 0 of 0 images scanned");
    }

    @Test
    void subjectNeverExceedsWhatSnsAccepts() {
        List<ImageRescan> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(ImageRescan.scanned("ami-" + i, "P-1 O-1 v1", summary(5), summary(5), false));
        }

        String subject = new RescanReport(DAY, many).subject();

        assertThat(subject).hasSizeLessThanOrEqualTo(RescanReport.MAX_SUBJECT);
    }

    @Test
    void bodyHasOneLinePerImageWithCountsNewAndPolicy() {
        String body = new RescanReport(DAY, List.of(QUIET, NEW_4, LOST)).body("s3://evidence/rescans/2026/11/23/run/report.json", 10);

        assertThat(body).contains(
                "ami-c unregistered: NOT SCANNED: io.gilder.error.WaitTimedOutException: scan\n"
                        + "ami-b WebServer-1.2 AmazonLinux-2023 v7: 5:0 4:2 3:0 2:1 1:0; new 1 (5:0 4:1 3:0 2:0 1:0); policy FAIL\n"
                        + "ami-a Db-2.0 Ubuntu-24.04 v3: 5:0 4:0 3:0 2:1 1:0; new 0; policy PASS\n")
                .endsWith("Report: s3://evidence/rescans/2026/11/23/run/report.json\n");
    }

    @Test
    void bodyIsCutAfterMaxImagesAndSaysHowManyMore() {
        String body = new RescanReport(DAY, List.of(QUIET, NEW_4, LOST)).body("s3://r", 1);

        assertThat(body).contains("ami-c").doesNotContain("ami-b").doesNotContain("ami-a").contains("… and 2 more, see the report");
    }

    @Test
    void emptyRescanSaysThereIsNoActiveImage() {
        assertThat(new RescanReport(DAY, List.of()).body("s3://r", 10)).contains("No active golden AMI.");
    }

    @Test
    void longErrorsAreCutAndScannedImagesNeedTheirCounts() {
        ImageRescan failed = ImageRescan.notScanned("ami-x", "P-1 O-1 v1", "x".repeat(40_000));

        assertThat(failed.error()).hasSize(ImageRescan.MAX_ERROR).endsWith("…");
        assertThatThrownBy(() -> new ImageRescan("ami-y", "P-1 O-1 v1", true, summary(), null, true, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ami-y");
        assertThatThrownBy(() -> ImageRescan.notScanned(" ", null, "e")).hasMessageContaining("imageId");
    }

    @Test
    void labelComesFromTheTargetsIdentity() {
        assertThat(ImageRescan.labelOf(new RescanTarget("ami-1", "AmazonLinux-2023", "WebServer-1.2", "7", "/GoldenAMI/AmazonLinux-2023/WebServer-1.2/7")))
                .isEqualTo("WebServer-1.2 AmazonLinux-2023 v7");
        assertThat(ImageRescan.notScanned("ami-1", ImageRescan.labelOf(new RescanTarget("ami-1", null, null, null, null)), "e").label())
                .isEqualTo("unregistered");
    }

    private static java.util.Map.Entry<String, Integer> entry(String k, int v) {
        return java.util.Map.entry(k, v);
    }
}
