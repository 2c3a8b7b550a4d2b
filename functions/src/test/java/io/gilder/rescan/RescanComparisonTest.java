package io.gilder.rescan;

import io.gilder.build.ScanPolicy;
import io.gilder.rescan.RescanComparison.Baseline;
import io.gilder.scan.Finding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class RescanComparisonTest {

    static Finding f(String id, int severity, Integer port) {
        return new Finding(id, severity, "t" + id, List.of(), port, port == null ? null : "tcp");
    }

    final ScanPolicy policy = new ScanPolicy(3, List.of("ignored"));

    @Test
    void anExceptionThatLapsedSinceApprovalNoLongerHidesItsFindingInARescan() {
        ScanPolicy approved = new ScanPolicy(3, List.of("38739"),
                List.of(new io.gilder.build.FindingException("38739", "2026-12-31", "vendor fix pending")));
        List<Finding> now = List.of(f("38739", 5, 22));

        RescanComparison inForce = RescanComparison.of(now, Baseline.RESCAN, now, approved, java.time.LocalDate.parse("2026-12-31"));
        RescanComparison lapsed = RescanComparison.of(now, Baseline.RESCAN, now, approved, java.time.LocalDate.parse("2027-01-01"));

        assertThat(inForce.policy().passed()).isTrue();
        assertThat(lapsed.policy().passed()).isFalse();
        assertThat(lapsed.policy().reason()).contains("38739 (expired 2026-12-31)");
    }

    @Test
    void comparesWithAReadableBaselineAndAppliesThePolicyToTheWholeScan() {
        List<Finding> before = List.of(f("a", 2, null), f("b", 4, 443));
        List<Finding> now = List.of(f("a", 2, null), f("b", 4, 443), f("c", 5, 22), f("ignored", 5, null), f("d", 1, null));

        RescanComparison c = RescanComparison.of(now, Baseline.RESCAN, before, policy);

        assertThat(c.findings().total()).isEqualTo(5);
        assertThat(c.newIds(2)).containsExactly("c@tcp/22", "ignored");
        assertThat(c.delta().added()).hasSize(3);
        assertThat(c.policy().passed()).isFalse();
        assertThat(c.policy().blocking()).extracting(Finding::id).containsExactly("c", "b");
    }

    @Test
    void withoutAUsableBaselineEveryFindingIsNew() {
        List<Finding> now = List.of(f("a", 2, null));

        assertThat(RescanComparison.of(now, Baseline.NONE, List.of(f("a", 2, null)), policy).delta().added()).hasSize(1);
        assertThat(RescanComparison.of(now, Baseline.UNREADABLE, List.of(f("a", 2, null)), policy).delta().added()).hasSize(1);
        assertThat(RescanComparison.of(now, Baseline.BUILD, List.of(f("a", 2, null)), policy).delta().added()).isEmpty();
    }

    @Test
    void theEarlierScanIsTheNewestOtherFindingsFile() {
        String prefix = "AmazonLinux-2023/WebServer-1.2/7/ami-1/scan/";
        List<EvidenceIndex.Entry> listed = List.of(
                new EvidenceIndex.Entry(prefix + "scan-1/findings.json", Instant.parse("2026-11-01T00:00:00Z")),
                new EvidenceIndex.Entry(prefix + "scan-1/raw.json", Instant.parse("2026-11-05T00:00:00Z")),
                new EvidenceIndex.Entry(prefix + "scan-2/findings.json", Instant.parse("2026-11-03T00:00:00Z")),
                new EvidenceIndex.Entry(prefix + "scan-3/findings.json", Instant.parse("2026-11-23T00:00:00Z")));

        assertThat(RescanComparison.earlierScan(listed, prefix + "scan-3/findings.json")).contains(prefix + "scan-2/findings.json");
        assertThat(RescanComparison.earlierScan(listed.subList(3, 4), prefix + "scan-3/findings.json")).isEmpty();
    }

    @Test
    void baselineLabelsRoundTripAndAnythingElseIsUnreadable() {
        for (Baseline b : Baseline.values()) {
            assertThat(Baseline.of(b.label())).isEqualTo(b);
        }
        assertThat(Baseline.of(null)).isEqualTo(Baseline.UNREADABLE);
    }
}
