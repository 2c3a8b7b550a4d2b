package io.gilder.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gilder.error.InvalidRequestException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack's policy is a ceiling: a request may tighten the gate, never loosen it, and every violation names its field. */
class PolicyCeilingTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final FindingException SSH_KEX = new FindingException("38739", "2027-03-31", "Weak SSH kex until the Q1 rollout");
    static final FindingException EXPIRED = new FindingException("82003", "2026-12-02", "ICMP timestamp, accepted for 2026");
    static final BuildDefaults STACK = new BuildDefaults("t3.medium", "qualys", new ScanPolicy(3, List.of()), 72, 30, false,
            List.of(SSH_KEX, EXPIRED), BuildDefaults.AMAZON_AND_SELF);

    static Map<String, Object> request(Map<String, Object> policy) {
        Map<String, Object> in = new HashMap<>(Map.of("sourceAmiId", "ami-0123456789abcdef0", "productName", "WebServer-1.2",
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "7"));
        if (policy != null) {
            in.put("scanPolicy", policy);
        }
        return in;
    }

    static InvalidRequestException refused(Map<String, Object> policy) {
        return catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(request(policy), STACK, TODAY));
    }

    @Test
    void withoutAPolicyTheStacksCeilingAndItsExceptionsInForceApplyWithTheirReasons() {
        ScanPolicy policy = BuildRequestParser.parse(request(null), STACK, TODAY).scanPolicy();

        assertThat(policy.maxSeverity()).isEqualTo(3);
        assertThat(policy.ignoredFindingIds()).containsExactly("38739");
        assertThat(policy.exceptions()).containsExactly(SSH_KEX);
    }

    @Test
    void anExceptionAppliesThroughItsExpiryDayAndNotAfter() {
        assertThat(BuildRequestParser.parse(request(null), STACK, LocalDate.parse(EXPIRED.expires())).scanPolicy().ignoredFindingIds())
                .containsExactly("38739", "82003");
        assertThat(BuildRequestParser.parse(request(null), STACK, LocalDate.parse(EXPIRED.expires()).plusDays(1)).scanPolicy().ignoredFindingIds())
                .containsExactly("38739");
    }

    @Test
    void aRequestMayTightenTheSeverityAndIgnoreFewerIds() {
        ScanPolicy policy = BuildRequestParser.parse(request(Map.of("maxSeverity", 2, "ignoredFindingIds", List.of())), STACK, TODAY)
                .scanPolicy();

        assertThat(policy).isEqualTo(new ScanPolicy(2, List.of(), List.of()));
        assertThat(BuildRequestParser.parse(request(Map.of("ignoredFindingIds", List.of("38739"))), STACK, TODAY).scanPolicy().exceptions())
                .containsExactly(SSH_KEX);
    }

    @Test
    void aSeverityAboveTheStacksMaxAllowedSeverityIsRefused() {
        for (int loose : List.of(4, 5)) {
            InvalidRequestException e = refused(Map.of("maxSeverity", loose));
            assertThat(e.fields()).containsExactly("scanPolicy.maxSeverity");
            assertThat(e.getMessage()).contains("must be at most 3, the stack's MaxAllowedSeverity, not " + loose, "never loosen");
        }
    }

    @Test
    void ignoringAnIdTheStackDoesNotAllowOrWhoseExceptionExpiredIsRefusedNamingEachOne() {
        InvalidRequestException e = refused(Map.of("ignoredFindingIds", List.of("38739", "105489", "82003")));

        assertThat(e.fields()).containsExactly("scanPolicy.ignoredFindingIds[1]", "scanPolicy.ignoredFindingIds[2]");
        assertThat(e.getMessage()).contains("105489, which is not among the stack's FindingExceptions")
                .contains("82003, whose exception in the stack's FindingExceptions expired on 2026-12-02");
    }

    @Test
    void everyLooseningIsReportedAtOnce() {
        Map<String, Object> in = request(Map.of("maxSeverity", 5, "ignoredFindingIds", List.of("1")));
        in.put("allowUnscanned", true);

        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> BuildRequestParser.parse(in, STACK, TODAY));

        assertThat(e.fields()).containsExactlyInAnyOrder("allowUnscanned", "scanPolicy.maxSeverity", "scanPolicy.ignoredFindingIds[0]");
    }

    @Test
    void theStacksExceptionsAreReadFromJsonAndEveryBadEntryIsNamed() {
        assertThat(FindingException.parseAll("""
                [{"id": "38739", "expires": "2027-03-31", "reason": "Weak SSH kex until the Q1 rollout"}]"""))
                .containsExactly(SSH_KEX);
        assertThat(FindingException.parseAll(" ")).isEmpty();
        assertThatThrownBy(() -> FindingException.parseAll("{\"id\": 1}")).hasMessageContaining("FindingExceptions must be a JSON array");
        assertThatThrownBy(() -> FindingException.parseAll("[{\"id\": \"1\", \"expires\": \"2027-03-31\"}]"))
                .hasMessageContaining("FindingExceptions[0].reason is required");
        assertThatThrownBy(() -> FindingException.parseAll("[{\"id\": \"1\", \"expires\": \"soon\", \"reason\": \"r\"}]"))
                .hasMessageContaining("FindingExceptions[0].expires must be a date");
        assertThatThrownBy(() -> FindingException.parseAll("[{\"id\": \"a b\", \"expires\": \"2027-03-31\", \"reason\": \"r\"}]"))
                .hasMessageContaining("FindingExceptions[0].id");
        assertThatThrownBy(() -> FindingException.parseAll("""
                [{"id": "1", "expires": "2027-03-31", "reason": "r"}, {"id": "1", "expires": "2027-04-30", "reason": "s"}]"""))
                .hasMessageContaining("FindingExceptions[1] repeats the id 1");
        assertThatThrownBy(() -> FindingException.parseAll("[")).hasMessageContaining("FindingExceptions is not JSON");
    }
}
