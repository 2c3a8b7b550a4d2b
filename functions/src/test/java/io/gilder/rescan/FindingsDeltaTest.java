package io.gilder.rescan;

import io.gilder.scan.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class FindingsDeltaTest {

    private static Finding finding(String id, int severity, Integer port) {
        return new Finding(id, severity, "title " + id, List.of(), port, port == null ? null : "tcp");
    }

    @Test
    void newResolvedAndChangedFindingsAreSeparatedWorstFirst() {
        List<Finding> before = List.of(finding("100", 3, null), finding("200", 2, 443), finding("300", 4, null));
        List<Finding> now = List.of(finding("100", 3, null), finding("200", 4, 443), finding("400", 2, null), finding("500", 5, 22));

        FindingsDelta delta = FindingsDelta.between(before, now);

        assertThat(delta.added()).extracting(Finding::id).containsExactly("500", "400");
        assertThat(delta.resolved()).extracting(Finding::id).containsExactly("300");
        assertThat(delta.changed()).containsExactly(finding("200", 4, 443));
        assertThat(delta.addedSummary().total()).isEqualTo(2);
        assertThat(delta.addedSummary().highestSeverity()).isEqualTo(5);
        assertThat(delta.addedSummary().bySeverity()).containsEntry("5", 1).containsEntry("2", 1).containsEntry("3", 0);
    }

    @Test
    void theSameCheckOnAnotherPortIsANewFinding() {
        FindingsDelta delta = FindingsDelta.between(List.of(finding("38173", 3, 443)), List.of(finding("38173", 3, 443), finding("38173", 3, 8443)));

        assertThat(delta.added()).containsExactly(finding("38173", 3, 8443));
        assertThat(delta.resolved()).isEmpty();
    }

    @Test
    void withoutABaselineEveryFindingIsNew() {
        List<Finding> now = List.of(finding("1", 1, null), finding("2", 5, null));

        FindingsDelta delta = FindingsDelta.between(List.of(), now);

        assertThat(delta.added()).extracting(Finding::id).containsExactly("2", "1");
        assertThat(delta.resolved()).isEmpty();
        assertThat(delta.changed()).isEmpty();
    }

    @Test
    void identicalScansChangeNothing() {
        List<Finding> scan = List.of(finding("1", 4, 80), finding("2", 2, null));

        FindingsDelta delta = FindingsDelta.between(scan, List.copyOf(scan));

        assertThat(delta.added()).isEmpty();
        assertThat(delta.resolved()).isEmpty();
        assertThat(delta.changed()).isEmpty();
        assertThat(delta.addedSummary().total()).isZero();
    }

    @Test
    void repeatsWithinOneScanCountOnceAtTheirWorst() {
        FindingsDelta delta = FindingsDelta.between(List.of(finding("7", 4, null)), List.of(finding("7", 2, null), finding("7", 4, null)));

        assertThat(delta.added()).isEmpty();
        assertThat(delta.changed()).isEmpty();
    }

    @Test
    void identityNamesCheckProtocolAndPort() {
        assertThat(FindingsDelta.identity(finding("38173", 3, 443))).isEqualTo("38173@tcp/443");
        assertThat(FindingsDelta.identity(finding("105489", 3, null))).isEqualTo("105489");
        assertThat(FindingsDelta.identity(new Finding("9", 3, "", List.of(), 161, "udp"))).isEqualTo("9@udp/161");
    }
}
