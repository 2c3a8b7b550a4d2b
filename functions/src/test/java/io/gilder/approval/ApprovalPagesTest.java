package io.gilder.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.registry.NamedVersion;
import io.gilder.testing.Approvals;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApprovalPagesTest {

    private static final String EVIL = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;";

    private final String id = Approvals.newId();
    private final Approval pending = Approvals.pending(id);
    private final ApprovalPages.Viewer ann = new ApprovalPages.Viewer(new Approver("ann-0001", "ann@example.com", "https://idp.example"),
            "csrf-token-1");

    @Test
    void theOpenPageShowsTheCandidateAndTheDecisionFormInTheSignedInApproversName() {
        ApprovalPages.Page page = ApprovalPages.render(new ApprovalOutcome.Open(pending), EvidenceLinks.NONE, ann);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html())
                .contains("id=\"outcome\"", "data-outcome=\"open\"", "Waiting for a decision until 2025-03-04 10:00:00 UTC")
                .contains("ami-0123456789abcdef0", "ami-0fedcba9876543210", "WebServer-1.0", "AmazonLinux-2023")
                .contains("<td id=\"severity-3\">2</td>", "<td id=\"severity-5\">0</td>", "12 in total, highest severity 3")
                .contains("s3://evidence/AmazonLinux-2023/WebServer-1.0/7/findings.json", "Passed: no finding above severity 3")
                .contains("<form method=\"post\"", "<input type=\"hidden\" name=\"csrf\" value=\"csrf-token-1\">",
                        "<textarea id=\"comment\" name=\"comment\"", "Signed in as <strong>ann@example.com</strong> (https://idp.example)")
                .contains("name=\"decision\" value=\"APPROVED\"", "name=\"decision\" value=\"DENIED\"")
                .doesNotContain("action=", "<script", "src=", "href=", "name=\"approver\"");
        assertThat(ApprovalPages.render(new ApprovalOutcome.Open(pending)).html()).as("no one signed in, no form").doesNotContain("<form");
    }

    @Test
    void everyValueIsEscaped() {
        Approval hostile = new Approval(id, EVIL, EVIL, new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"),
                EVIL, EVIL, new Approval.Findings(Map.of(), 0, 0), EVIL, new Approval.Policy(false, EVIL),
                Approvals.CREATED, Approvals.EXPIRES, io.gilder.approval.ApprovalStatus.PENDING, null, null, null);
        Approval decided = hostile.decided(new ApprovalDecision.Vote(io.gilder.approval.ApprovalStatus.DENIED, EVIL, EVIL), Approvals.CREATED);

        for (ApprovalOutcome outcome : List.of(new ApprovalOutcome.Open(hostile), new ApprovalOutcome.Invalid(hostile, EVIL, EVIL, EVIL),
                new ApprovalOutcome.Recorded(decided), new ApprovalOutcome.Refused(Refusal.ALREADY_DECIDED, decided),
                new ApprovalOutcome.TooLate(decided, "timed out"), new ApprovalOutcome.Undelivered(decided),
                new ApprovalOutcome.Refused(Refusal.EXPIRED, hostile))) {
            String html = ApprovalPages.render(outcome, EvidenceLinks.NONE, new ApprovalPages.Viewer(new Approver(EVIL, EVIL, EVIL), EVIL)).html();
            assertThat(html).as(outcome.getClass().getSimpleName())
                    .doesNotContain("<script", "<img", "onerror=alert(1)>", "'x'")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;");
        }
    }

    @Test
    void theReviewSheetIsShownWithEveryValueEscapedAndCveLinksToNvd() {
        ReviewSheet review = new ReviewSheet(new ReviewSheet.Source("ami-0fedcba9876543210", EVIL, EVIL, "2024-11-05T10:21:03.000Z"),
                List.of(new ReviewSheet.ScriptRun("pre-update", "inline", "ab".repeat(32), null, List.of(EVIL, "echo hi")),
                        new ReviewSheet.ScriptRun("post-update", "https://scripts.example.com/a.sh", "cd".repeat(32), null, List.of())),
                List.of("nginx"), List.of(EVIL), new ReviewSheet.PolicyApplied(3, List.of("38739"),
                        List.of(new io.gilder.build.FindingException("38739", "2027-03-31", EVIL))),
                new ReviewSheet.ScanProof("tenable", "42", "tenable scan 42 scanned 10.0.1.23 to the end (HOST_END now)"),
                List.of(new ReviewSheet.TopFinding("201024", 5, EVIL, List.of("CVE-2024-5535"))));
        Approval withReview = new Approval(id, "arn", "ami-0123456789abcdef0", new NamedVersion("WebServer", "1.0"),
                new NamedVersion("AmazonLinux", "2023"), "7", "ami-0fedcba9876543210", new Approval.Findings(Map.of(5, 1), 5, 1, "tenable"),
                null, new Approval.Policy(false, "1 finding"), Approvals.CREATED, Approvals.EXPIRES,
                io.gilder.approval.ApprovalStatus.PENDING, null, null, null, review);

        String html = ApprovalPages.render(new ApprovalOutcome.Open(withReview)).html();

        assertThat(html).doesNotContain("<script", "<img").contains(
                "id=\"source-details\"", "created 2024-11-05T10:21:03.000Z",
                "pre-update: <code>inline</code> sha256 <code>" + "ab".repeat(32) + "</code><pre>&lt;script&gt;",
                "post-update: <code>https://scripts.example.com/a.sh</code> sha256 <code>" + "cd".repeat(32),
                "only nginx; never &lt;script&gt;", "exception <code>38739</code> until 2027-03-31: &lt;script&gt;",
                "tenable scan 42 scanned 10.0.1.23 to the end",
                "<a href=\"https://nvd.nist.gov/vuln/detail/CVE-2024-5535\">CVE-2024-5535</a>");
    }

    @Test
    void anInvalidFormIsShownAgainWithWhatWasEntered() {
        ApprovalPages.Page page = ApprovalPages.render(new ApprovalOutcome.Invalid(pending, "Decision: decision is required", "", "keep me"),
                EvidenceLinks.NONE, ann);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html()).contains("data-outcome=\"invalid-form\"", "Nothing was decided. Decision: decision is required",
                ">keep me</textarea>", "name=\"csrf\" value=\"csrf-token-1\"");
    }

    @Test
    void eachOutcomeHasItsStatusCodeAndOnlyAnOpenApprovalHasAForm() {
        Approval approved = pending.decided(ApprovalDecision.vote("APPROVED", "Ann", "fine"), Approvals.CREATED.plusSeconds(90));
        Approval denied = pending.decided(ApprovalDecision.vote("DENIED", "Bob", null), Approvals.CREATED.plusSeconds(90));
        Approval ended = pending.ended(Approvals.CREATED.plusSeconds(120));
        record Case(ApprovalOutcome outcome, int status, String code, String text, boolean form) {}
        List<Case> cases = List.of(
                new Case(new ApprovalOutcome.Recorded(approved), 200, "approved", "Approved by Ann. The build registers the golden image.", false),
                new Case(new ApprovalOutcome.Recorded(denied), 200, "denied", "Denied by Bob. The build discards the candidate.", false),
                new Case(new ApprovalOutcome.Refused(Refusal.MALFORMED_ID, null), 400, "invalid-link", "This approval link is not valid", false),
                new Case(new ApprovalOutcome.Refused(Refusal.UNKNOWN, null), 404, "unknown", "There is no approval request behind this link", false),
                new Case(new ApprovalOutcome.Refused(Refusal.EXPIRED, pending), 410, "expired", "expired at 2025-03-04 10:00:00 UTC without a decision", false),
                new Case(new ApprovalOutcome.Refused(Refusal.ALREADY_DECIDED, approved), 409, "already-decided",
                        "already approved by Ann at 2025-03-01 10:01:30 UTC. Nothing was changed.", false),
                new Case(new ApprovalOutcome.Refused(Refusal.BUILD_ENDED, ended), 410, "ended",
                        "This build ended at 2025-03-01 10:02:00 UTC (it failed, was stopped or timed out) before anyone decided", false),
                new Case(new ApprovalOutcome.Refused(Refusal.BUILD_ENDED, pending.ended(pending.expiresAt())), 410, "ended",
                        "This approval request expired at 2025-03-04 10:00:00 UTC without a decision, and the build ended", false),
                new Case(new ApprovalOutcome.TooLate(approved, "the approval wait timed out"), 410, "too-late",
                        "had already stopped waiting for it (the approval wait timed out)", false),
                new Case(new ApprovalOutcome.Undelivered(approved), 503, "undelivered",
                        "Your decision (APPROVED) is recorded, but Step Functions could not be reached", true));
        for (Case c : cases) {
            ApprovalPages.Page page = ApprovalPages.render(c.outcome(), EvidenceLinks.NONE, ann);
            assertThat(page.status()).as(c.code()).isEqualTo(c.status());
            assertThat(outcomeOf(page.html())).as(c.code()).contains(c.text());
            assertThat(page.html()).as(c.code()).contains("data-outcome=\"" + c.code() + "\"");
            assertThat(page.html().contains("<form")).as(c.code() + " has a form").isEqualTo(c.form());
        }
        assertThat(ApprovalPages.signedOut().status()).isEqualTo(401);
        assertThat(ApprovalPages.forgedForm().status()).isEqualTo(403);
        assertThat(ApprovalPages.signInRefused("not an approver").html()).contains("data-outcome=\"sign-in-refused\"", "not an approver");
        assertThat(ApprovalPages.signIn("https://idp.example/authorize?x=1").headers()).containsEntry("Location", "https://idp.example/authorize?x=1");
        assertThat(ApprovalPages.unavailable().status()).isEqualTo(503);
        assertThat(ApprovalPages.methodNotAllowed().status()).isEqualTo(405);
        assertThat(ApprovalPages.methodNotAllowed().headers()).containsEntry("Allow", "GET, POST");
    }

    @Test
    void aDecidedApprovalShowsWhoDecidedWhenAndWhy() {
        Approval approved = pending.decided(ApprovalDecision.vote("APPROVED", "Ann", "fine"), Approvals.CREATED.plusSeconds(90));

        assertThat(ApprovalPages.render(new ApprovalOutcome.Refused(Refusal.ALREADY_DECIDED, approved)).html())
                .contains("APPROVED by Ann at 2025-03-01 10:01:30 UTC: fine");
    }

    @Test
    void pagesAreNeverCachedIndexedFramedOrReferredAndRunNothingButTheirOwnStyle() throws Exception {
        ApprovalPages.Page page = ApprovalPages.render(new ApprovalOutcome.Open(pending));

        assertThat(page.headers())
                .containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-store")
                .containsEntry("X-Robots-Tag", "noindex, nofollow")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("X-Content-Type-Options", "nosniff");
        String csp = page.headers().get("Content-Security-Policy");
        assertThat(csp).startsWith("default-src 'none'; ").contains("form-action 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        Matcher style = Pattern.compile("<style>(.*?)</style>").matcher(page.html());
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(csp).contains("style-src 'sha256-" + hash + "'");
        assertThat(page.html()).doesNotContain("style=\"");
    }

    static String outcomeOf(String html) {
        Matcher m = Pattern.compile("<p id=\"outcome\"[^>]*>(.*?)</p>").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
