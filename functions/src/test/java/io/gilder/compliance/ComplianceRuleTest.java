package io.gilder.compliance;

import io.gilder.registry.ActiveImageList;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The compliance rule's decision table, row by row, with the annotation each verdict carries. */
class ComplianceRuleTest {

    static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");
    static final String GOLDEN = "ami-0123456789abcdef0";
    static final GoldenImageSet ACTIVE = GoldenImageSet.of(ActiveImageList.parse(GOLDEN + ", ami-0aaaaaaaaaaaaaaaa,ami-0bbbbbbbbbbbbbbbb"));

    static InstanceEvaluation evaluate(String image, String state, GoldenImageSet golden) {
        return ComplianceRule.evaluate(new ObservedInstance("i-0123", image, state), golden, AT);
    }

    @Test
    void anInstanceOfAnActiveGoldenImageIsCompliant() {
        assertThat(evaluate(GOLDEN, "running", ACTIVE)).isEqualTo(new InstanceEvaluation("i-0123", ComplianceType.COMPLIANT,
                "image " + GOLDEN + " is an active golden AMI", AT));
        assertThat(evaluate(GOLDEN, "stopped", ACTIVE).compliance()).as("a stopped instance can start again").isEqualTo(ComplianceType.COMPLIANT);
    }

    @Test
    void anyOtherImageIsNonCompliantAndSaysWhy() {
        assertThat(evaluate("ami-0ffffffffffffffff", "running", ACTIVE)).isEqualTo(new InstanceEvaluation("i-0123",
                ComplianceType.NON_COMPLIANT, "image ami-0ffffffffffffffff is not an active golden AMI (3 active)", AT));
    }

    @Test
    void idsThatMerelyContainOrPrefixAGoldenIdAreNotGolden() {
        // The old samples matched with a substring test, so these all passed.
        for (String lookalike : new String[] {GOLDEN.substring(0, 12), GOLDEN + "1", "x" + GOLDEN, GOLDEN.toUpperCase(), " " + GOLDEN}) {
            assertThat(evaluate(lookalike, "running", ACTIVE).compliance()).as(lookalike).isEqualTo(ComplianceType.NON_COMPLIANT);
        }
        GoldenImageSet longer = GoldenImageSet.of(ActiveImageList.parse(GOLDEN + "1," + "x" + GOLDEN));
        assertThat(evaluate(GOLDEN, "running", longer).compliance()).as("the list holds longer ids").isEqualTo(ComplianceType.NON_COMPLIANT);
    }

    @Test
    void terminatedAndShuttingDownInstancesAreNotApplicableWhateverTheList() {
        for (GoldenImageSet golden : new GoldenImageSet[] {ACTIVE, GoldenImageSet.missing(), GoldenImageSet.unreadable("boom")}) {
            assertThat(evaluate("ami-0ffffffffffffffff", "terminated", golden))
                    .isEqualTo(new InstanceEvaluation("i-0123", ComplianceType.NOT_APPLICABLE, "instance is terminated", AT));
            assertThat(evaluate(GOLDEN, "shutting-down", golden).compliance()).isEqualTo(ComplianceType.NOT_APPLICABLE);
        }
    }

    @Test
    void aMissingListCannotVerifyAnythingAndSaysSo() {
        assertThat(evaluate(GOLDEN, "running", GoldenImageSet.missing())).isEqualTo(new InstanceEvaluation("i-0123",
                ComplianceType.NON_COMPLIANT, "cannot verify image " + GOLDEN + ": /GoldenAMI/latest does not exist in this account and region", AT));
    }

    @Test
    void anUnreadableListCannotVerifyAnythingAndSaysWhy() {
        InstanceEvaluation evaluation = evaluate(GOLDEN, "pending",
                GoldenImageSet.unreadable("ssm:GetParameter failed with AccessDeniedException: not authorized"));
        assertThat(evaluation.compliance()).isEqualTo(ComplianceType.NON_COMPLIANT);
        assertThat(evaluation.annotation()).isEqualTo("cannot verify image " + GOLDEN
                + ": /GoldenAMI/latest could not be read (ssm:GetParameter failed with AccessDeniedException: not authorized)");
    }

    @Test
    void anEmptyListMakesEveryImageNonCompliant() {
        assertThat(evaluate(GOLDEN, "running", GoldenImageSet.of(ActiveImageList.parse(" , "))).annotation())
                .isEqualTo("image " + GOLDEN + " is not an active golden AMI (/GoldenAMI/latest lists none)");
    }

    @Test
    void anInstanceWithoutImageIdIsNonCompliant() {
        assertThat(evaluate(null, "running", ACTIVE).annotation()).isEqualTo("instance reports no image id");
        assertThat(evaluate("", null, ACTIVE).compliance()).isEqualTo(ComplianceType.NON_COMPLIANT);
    }

    @Test
    void annotationsAreCutToConfigsLimit() {
        InstanceEvaluation evaluation = evaluate(GOLDEN, "running", GoldenImageSet.unreadable("x".repeat(400)));
        assertThat(evaluation.annotation()).hasSize(InstanceEvaluation.MAX_ANNOTATION).endsWith("…").startsWith("cannot verify image");
    }
}
