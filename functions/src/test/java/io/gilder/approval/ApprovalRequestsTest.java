package io.gilder.approval;

import io.gilder.error.InvalidRequestException;
import io.gilder.registry.FakeNotifier;
import io.gilder.registry.NamedVersion;
import io.gilder.testing.Approvals;
import io.gilder.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalRequestsTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX-secret-task-token";
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private final FakeApprovalStore store = new FakeApprovalStore();
    private final FakeNotifier notifier = new FakeNotifier();
    private final MutableClock clock = new MutableClock(Approvals.CREATED);
    private final ApprovalRequests.Candidate candidate = new ApprovalRequests.Candidate(
            "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1", "ami-0123456789abcdef0",
            new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"), "7", "ami-0fedcba9876543210",
            new Approval.Findings(Map.of(5, 1, 1, 3), 5, 4), "s3://evidence/findings.json",
            new Approval.Policy(false, "1 finding above severity 3"));

    private ApprovalRequests requests(String baseUrl) {
        return new ApprovalRequests(store, notifier, new ApprovalIds(SecureRandom::new), baseUrl, clock);
    }

    @Test
    void storesThePendingApprovalWithItsTokenUntilTheTaskTimesOut() {
        Approval approval = requests("https://api.example.com/approvals").open(candidate, TOKEN, Duration.ofHours(72));

        assertThat(ApprovalIds.isWellFormed(approval.approvalId())).isTrue();
        assertThat(approval.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approval.createdAt()).isEqualTo(Approvals.CREATED);
        assertThat(approval.expiresAt()).isEqualTo(Approvals.CREATED.plus(Duration.ofHours(72)));
        assertThat(store.find(approval.approvalId())).contains(approval);
        assertThat(store.tokenOf(approval.approvalId())).isEqualTo(TOKEN);
    }

    /** The task's timer started when the state was entered; a cold start later the link must not outlive it. */
    @Test
    void theLinkExpiresWhenTheWaitingTaskTimesOutCountedFromWhenItStarted() {
        ApprovalRequests requests = requests("https://api.example.com/approvals");

        Approval approval = requests.open(candidate, TOKEN, Duration.ofSeconds(2), Approvals.CREATED.minusMillis(1500));

        assertThat(approval.createdAt()).isEqualTo(Approvals.CREATED);
        assertThat(approval.expiresAt()).isEqualTo(Approvals.CREATED.plusMillis(500));
        assertThat(requests.open(candidate, TOKEN, Duration.ofSeconds(2), Approvals.CREATED.plusSeconds(60)).expiresAt())
                .as("a start in the future (another clock): from now").isEqualTo(Approvals.CREATED.plusSeconds(2));
    }

    @Test
    void eMailsASummaryWithExactlyOneLinkAndNoToken() {
        Approval approval = requests("https://api.example.com/approvals/").open(candidate, TOKEN, Duration.ofHours(72));

        assertThat(notifier.notices).hasSize(1);
        FakeNotifier.Notice notice = notifier.notices.get(0);
        assertThat(notice.subject()).isEqualTo("Approve golden image WebServer-1.0 on AmazonLinux-2023, build 7?");
        Matcher links = URL.matcher(notice.message());
        assertThat(links.find()).isTrue();
        assertThat(links.group()).isEqualTo("https://api.example.com/approvals/" + approval.approvalId());
        assertThat(links.find()).as("a second link").isFalse();
        assertThat(notice.message())
                .contains("ami-0123456789abcdef0", "ami-0fedcba9876543210", "WebServer-1.0", "AmazonLinux-2023",
                        "4 in total, highest severity 5", "severity 5: 1", "severity 1: 3", "FAILED - 1 finding above severity 3",
                        "valid until 2025-03-04 10:00 UTC")
                .doesNotContain(TOKEN).doesNotContain("secret");
        assertThat(notice.subject()).doesNotContain(TOKEN);
    }

    @Test
    void eachRequestGetsItsOwnId() {
        ApprovalRequests requests = requests("https://api.example.com/approvals");

        assertThat(requests.open(candidate, TOKEN, Duration.ofHours(1)).approvalId())
                .isNotEqualTo(requests.open(candidate, TOKEN, Duration.ofHours(1)).approvalId());
    }

    @Test
    void aMissingBaseUrlNamesTheSettingAndStoresNothing() {
        assertThatThrownBy(() -> requests(null).open(candidate, TOKEN, Duration.ofHours(1)))
                .hasMessageContaining("GILDER_APPROVALS_BASE_URL");
        assertThat(notifier.notices).isEmpty();
    }

    @Test
    void aMissingTokenOrANonPositiveTimeoutIsAnInvalidRequest() {
        assertThatThrownBy(() -> requests("https://x/approvals").open(candidate, " ", Duration.ZERO))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fields()).containsExactly("taskToken", "timeoutSeconds"));
        assertThat(notifier.notices).isEmpty();
    }
}
