package io.gilder.scan;

import io.gilder.build.ScanPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyGateTest {

    static Finding finding(String id, int severity) {
        return new Finding(id, severity, "Title of " + id, List.of(), null, null);
    }

    @Test
    void noFindingsPass() {
        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(3, List.of()), List.of());

        assertThat(decision.passed()).isTrue();
        assertThat(decision.blocking()).isEmpty();
        assertThat(decision.reason()).isEqualTo("No findings.");
        assertThat(decision.counted()).isZero();
    }

    @Test
    void findingsAtTheMaximumSeverityPass() {
        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(3, List.of()), List.of(finding("1", 3), finding("2", 1)));

        assertThat(decision.passed()).isTrue();
        assertThat(decision.reason()).isEqualTo("All 2 findings are at severity 3 or lower.");
    }

    @ParameterizedTest(name = "max {0}, finding {1} -> passed {2}")
    @CsvSource({"1,1,true", "1,2,false", "3,3,true", "3,4,false", "4,5,false", "5,5,true"})
    void anythingAboveTheMaximumBlocks(int max, int severity, boolean passed) {
        assertThat(PolicyGate.evaluate(new ScanPolicy(max, List.of()), List.of(finding("9", severity))).passed()).isEqualTo(passed);
    }

    @Test
    void ignoredIdsAreDroppedEvenWhenTheyWouldBlock() {
        List<Finding> findings = List.of(finding("38739", 5), finding("38739", 5), finding("82003", 2));

        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(3, List.of("38739")), findings);

        assertThat(decision.passed()).isTrue();
        assertThat(decision.ignored()).isEqualTo(2);
        assertThat(decision.counted()).isEqualTo(1);
        assertThat(decision.reason()).isEqualTo("All 1 findings are at severity 3 or lower (2 ignored by policy).");
    }

    @Test
    void anExceptionThatLapsedAfterValidationNoLongerHidesItsFinding() {
        var exceptions = List.of(new io.gilder.build.FindingException("38739", "2026-12-03", "vendor fix pending"),
                new io.gilder.build.FindingException("82003", "2027-06-30", "accepted risk"));
        ScanPolicy validated = new ScanPolicy(3, List.of("38739", "82003"), exceptions);
        List<Finding> findings = List.of(finding("38739", 5), finding("82003", 5));

        PolicyDecision lastDay = PolicyGate.evaluate(validated, findings, java.time.LocalDate.parse("2026-12-03"));
        PolicyDecision dayAfter = PolicyGate.evaluate(validated, findings, java.time.LocalDate.parse("2026-12-04"));

        assertThat(lastDay.passed()).as("an exception applies through its expiry day").isTrue();
        assertThat(lastDay.ignored()).isEqualTo(2);
        assertThat(dayAfter.passed()).isFalse();
        assertThat(dayAfter.blocking()).extracting(Finding::id).containsExactly("38739");
        assertThat(dayAfter.policy().ignoredFindingIds()).containsExactly("82003");
        assertThat(dayAfter.reason()).endsWith("Exceptions that lapsed before this evaluation, so their findings count: 38739 (expired 2026-12-03).");
    }

    @Test
    void ignoringOneIdDoesNotHideOthers() {
        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(3, List.of("100")),
                List.of(finding("100", 5), finding("200", 4)));

        assertThat(decision.passed()).isFalse();
        assertThat(decision.blocking()).extracting(Finding::id).containsExactly("200");
    }

    @Test
    void blockingFindingsAreWorstFirstThenByIdAndTheReasonNamesThem() {
        Finding openssl = new Finding("376657", 4, "openssl advisory", List.of("CVE-2024-0727", "CVE-2023-6237"), null, null);
        Finding kernel = new Finding("376001", 5, "kernel advisory", List.of("CVE-2024-1086"), null, null);
        Finding ssh = new Finding("38739", 4, "weak SSH", List.of(), 22, "tcp");

        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(3, List.of()), List.of(openssl, finding("1", 2), ssh, kernel));

        assertThat(decision.passed()).isFalse();
        assertThat(decision.blocking()).containsExactly(kernel, openssl, ssh);
        assertThat(decision.reason()).isEqualTo("3 findings are above the allowed severity 3: "
                + "376001 severity 5 kernel advisory [CVE-2024-1086]; "
                + "376657 severity 4 openssl advisory [CVE-2024-0727, CVE-2023-6237]; 38739 severity 4 weak SSH.");
    }

    @Test
    void theReasonNamesTheFiveWorstAndCountsTheRestWhileTheDecisionKeepsAll() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 10; i < 18; i++) {
            findings.add(finding(Integer.toString(i), i == 17 ? 5 : 4));
        }

        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(3, List.of()), findings);

        assertThat(decision.blocking()).hasSize(8);
        assertThat(decision.blocking().get(0).id()).isEqualTo("17");
        assertThat(decision.reason()).startsWith("8 findings are above the allowed severity 3: 17 severity 5")
                .endsWith("; and 3 more.").doesNotContain("15 severity");
    }

    @Test
    void aSingleBlockingFindingReadsInTheSingular() {
        PolicyDecision decision = PolicyGate.evaluate(new ScanPolicy(2, List.of()), List.of(finding("5", 3)));

        assertThat(decision.reason()).isEqualTo("1 finding is above the allowed severity 2: 5 severity 3 Title of 5.");
    }

    @Test
    void theOrderOfTheScannerDoesNotChangeTheDecision() {
        List<Finding> findings = List.of(finding("b", 4), finding("a", 4), finding("c", 5));
        List<Finding> reversed = new ArrayList<>(findings);
        java.util.Collections.reverse(reversed);
        ScanPolicy policy = new ScanPolicy(3, List.of());

        assertThat(PolicyGate.evaluate(policy, reversed)).isEqualTo(PolicyGate.evaluate(policy, findings));
    }
}
