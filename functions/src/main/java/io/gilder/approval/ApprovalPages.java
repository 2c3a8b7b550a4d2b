package io.gilder.approval;

import static io.gilder.approval.Html.escape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The approval pages: self-contained HTML (one inline style sheet, no scripts, images or external
 * assets), every value escaped, never a task token. The element {@code #outcome} carries the
 * result in words and, in {@code data-outcome}, as a stable code for tests.
 */
public final class ApprovalPages {

    /** An HTTP response: status, headers and HTML body, and the outcome code the body carries ({@code data-outcome}). */
    public record Page(int status, Map<String, String> headers, String html, String outcome) {}

    /**
     * Who is looking at the page: the signed-in approver, named as their verified token names them, and the CSRF token
     * their forms carry. Without a viewer no form is shown.
     */
    public record Viewer(Approver approver, String csrfToken) {}

    private static final String CSS = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}"
            + "table{border-collapse:collapse;margin:1rem 0}th,td{text-align:left;padding:.25rem .75rem .25rem 0;vertical-align:top}"
            + "th{font-weight:600}.outcome{padding:.75rem 1rem;border-radius:.25rem;background:#eef}"
            + ".bad{background:#fde8e8}.good{background:#e6f4ea}label{display:block;margin:.75rem 0}"
            + "input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}"
            + "button{font:inherit;padding:.5rem 1.5rem;margin-right:1rem}code{word-break:break-all}";

    /** Allows exactly the inline style sheet above and form posts back to this API; nothing else. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(CSS) + "'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ApprovalPages() {}

    /** The page for what showing or deciding an approval came to, naming the evidence without a link. */
    public static Page render(ApprovalOutcome outcome) {
        return render(outcome, EvidenceLinks.NONE);
    }

    /** The page for what showing or deciding an approval came to, without a form (no one signed in). */
    public static Page render(ApprovalOutcome outcome, EvidenceLinks links) {
        return render(outcome, links, null);
    }

    /**
     * The page for what showing or deciding an approval came to; {@code links} makes the evidence link, fresh on each
     * view; {@code viewer}, the signed-in approver, gets the decision form.
     */
    public static Page render(ApprovalOutcome outcome, EvidenceLinks links, Viewer viewer) {
        if (outcome instanceof ApprovalOutcome.Open o) {
            return page(links, 200, "open", "", "Waiting for a decision until " + when(o.approval().expiresAt())
                    + ". Review the candidate, then approve or deny it.", o.approval(), viewer, null);
        } else if (outcome instanceof ApprovalOutcome.Invalid i) {
            return page(links, 400, "invalid-form", "bad", "Nothing was decided. " + i.problems(), i.approval(), viewer,
                    i.comment());
        } else if (outcome instanceof ApprovalOutcome.Counted c) {
            Approval a = c.approval();
            return page(links, 200, "counted", "good", "Your approval is counted: " + a.approvedBy().size() + " of "
                    + a.requiredApprovals() + ". The build waits for " + a.approvalsMissing() + " more approver"
                    + (a.approvalsMissing() == 1 ? "" : "s") + " (someone other than " + String.join(", ", a.approvedBy())
                    + ") until " + when(a.expiresAt()) + ".", a, null, null);
        } else if (outcome instanceof ApprovalOutcome.Recorded r) {
            return page(links, 200, r.approval().status() == ApprovalStatus.APPROVED ? "approved" : "denied", "good",
                    recorded(r.approval()), r.approval(), null, null);
        } else if (outcome instanceof ApprovalOutcome.TooLate t) {
            return page(links, 410, "too-late", "bad", "Your decision was recorded, but the build had already stopped waiting "
                    + "for it (" + t.how() + "), so it has no effect: the candidate is discarded.",
                    t.approval(), null, null);
        } else if (outcome instanceof ApprovalOutcome.Undelivered u) {
            Page page = page(links, 503, "undelivered", "bad", "Your decision (" + u.approval().status().name() + ") is recorded, "
                    + "but Step Functions could not be reached to deliver it to the build. Deliver it again in a minute; "
                    + "nobody can decide differently meanwhile.", u.approval(), null, null);
            if (viewer == null) {
                return page;
            }
            String redeliver = "<form method=\"post\" id=\"redeliver-form\">" + csrfField(viewer)
                    + "<p><button type=\"submit\" id=\"redeliver\" name=\"deliver\" value=\"again\">Deliver again</button></p></form>\n";
            return new Page(page.status(), page.headers(), page.html().replace("</main></body>", redeliver + "</main></body>"),
                    page.outcome());
        }
        return refused((ApprovalOutcome.Refused) outcome, links);
    }

    /** The approval store or Step Functions failed before anything was decided. */
    public static Page unavailable() {
        return page(EvidenceLinks.NONE, 503, "unavailable", "bad", "The approval service is unavailable right now and nothing was changed. "
                + "Please try again in a minute.", null, null, null);
    }

    /**
     * An unexpected failure: no detail of it reaches the page. It may have struck after a decision was recorded, so
     * the page says how to see where the request stands rather than claiming that nothing changed.
     */
    public static Page failed() {
        return page(EvidenceLinks.NONE, 500, "failed", "bad", "Something went wrong on our side. Open the link again to see "
                + "whether your decision was recorded before deciding again.", null, null, null);
    }

    /** Any method but GET and POST. */
    public static Page methodNotAllowed() {
        Page page = page(EvidenceLinks.NONE, 405, "method-not-allowed", "bad", "This page can only be shown (GET) or submitted (POST).",
                null, null, null);
        page.headers().put("Allow", "GET, POST");
        return page;
    }

    private static Page refused(ApprovalOutcome.Refused refused, EvidenceLinks links) {
        Approval a = refused.approval();
        return switch (refused.reason()) {
            case MALFORMED_ID -> page(links, 400, "invalid-link", "bad", "This approval link is not valid. Check that the whole "
                    + "link from the e-mail was opened.", null, null, null);
            case UNKNOWN -> page(links, 404, "unknown", "bad", "There is no approval request behind this link. Requests are "
                    + "removed some days after they expire.", null, null, null);
            case EXPIRED -> page(links, 410, "expired", "bad", "This approval request expired at " + when(a.expiresAt())
                    + " without a decision; the candidate is discarded.", a, null, null);
            case ALREADY_DECIDED -> page(links, 409, "already-decided", "bad", a == null ? "This request was already decided."
                    : "This request was already " + a.status().name().toLowerCase() + " by " + a.decidedBy() + " at "
                    + when(a.decidedAt()) + ". Nothing was changed.", a, null, null);
            case BUILD_ENDED -> page(links, 410, "ended", "bad", a != null && a.decidedAt() != null && !a.expiresAt().isAfter(a.decidedAt())
                    ? "This approval request expired at " + when(a.expiresAt()) + " without a decision, and the build ended; nothing "
                            + "can be decided any more, and the candidate is discarded."
                    : "This build ended" + (a == null || a.decidedAt() == null ? "" : " at " + when(a.decidedAt()))
                            + " (it failed, was stopped or timed out) before anyone decided; nothing can be decided any more, and the "
                            + "candidate is discarded.", a, null, null);
            case STARTED_THE_BUILD -> page(links, 403, "started-the-build", "bad", "You started this build, and this stack "
                    + "requires someone else to approve it (separation of duties). You may deny it. Nothing was changed.", a, null, null);
            case STARTER_UNKNOWN -> page(links, 403, "starter-unknown", "bad", "This stack requires an approver other than the "
                    + "build's starter, but this build was not started through Gilder's POST /builds route, so its starter is unknown "
                    + "and nobody may approve it. Nothing was changed.", a, null, null);
            case ALREADY_VOTED -> page(links, 409, "already-voted", "bad", "Your approval is counted already; the build waits for "
                    + (a == null ? "another approver" : a.approvalsMissing() + " more approver" + (a.approvalsMissing() == 1 ? "" : "s"))
                    + ". Nothing was changed.", a, null, null);
        };
    }

    private static String recorded(Approval a) {
        return a.status() == ApprovalStatus.APPROVED
                ? "Approved by " + a.decidedBy() + ". The build registers the golden image."
                : "Denied by " + a.decidedBy() + ". The build discards the candidate.";
    }

    /** Sends the browser to the identity provider to sign in; the page shows nothing of the approval. */
    public static Page signIn(String authorizationUrl) {
        Page page = page(EvidenceLinks.NONE, 302, "sign-in", "", "Sign in to review this request.", null, null, null);
        page.headers().put("Location", authorizationUrl);
        return page;
    }

    /**
     * Where the identity provider's return lands: it navigates on to the approval from this site, so that the browser
     * sends the SameSite=Strict session cookie (a redirect answering the provider's cross-site request would not).
     * {@code approvalId} is that of the browser's own sign-in cookie, already checked to be well formed.
     */
    public static Page signedIn(Approver approver, String approvalId) {
        Page page = page(EvidenceLinks.NONE, 200, "signed-in", "good", "Signed in as " + approver.displayName() + ".", null, null, null);
        String next = "./" + approvalId;
        String html = page.html().replace("<meta name=\"robots\"", "<meta http-equiv=\"refresh\" content=\"0; url=" + escape(next)
                + "\"><meta name=\"robots\"").replace("</main></body>", "<p><a id=\"continue\" href=\"" + escape(next)
                + "\">Continue to the approval request</a></p></main></body>");
        return new Page(page.status(), page.headers(), html, page.outcome());
    }

    /** A sign-in that did not make its holder an approver; {@code reason} is ApproverSignIn.Refused's, meant for people. */
    public static Page signInRefused(String reason) {
        return page(EvidenceLinks.NONE, 403, "sign-in-refused", "bad", "Nothing is shown and nothing can be decided: " + reason,
                null, null, null);
    }

    /** A form post without a signed-in session (or one that expired). */
    public static Page signedOut() {
        return page(EvidenceLinks.NONE, 401, "signed-out", "bad", "Nothing was decided: you are not signed in, or your session "
                + "ended after " + SignInDesk.SESSION.toMinutes() + " minutes. Open the e-mailed link again to sign in.", null, null, null);
    }

    /** A form post whose CSRF token is not the session's: it did not come from the page this session was shown. */
    public static Page forgedForm() {
        return page(EvidenceLinks.NONE, 403, "forged-form", "bad", "Nothing was decided: this form was not sent from the approval "
                + "page you were shown. Open the e-mailed link again.", null, null, null);
    }

    private static Page page(EvidenceLinks links, int status, String code, String tone, String outcome, Approval approval,
            Viewer viewer, String comment) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\"><meta name=\"referrer\" content=\"no-referrer\">")
                .append("<title>Gilder approval</title><style>").append(CSS).append("</style></head><body><main>")
                .append("<h1>").append(approval == null ? "Golden image approval"
                        : "Approve " + (unscanned(approval) ? "UNSCANNED " : "") + escape(approval.title()) + "?")
                .append("</h1>\n<p id=\"outcome\" class=\"outcome ").append(tone).append("\" data-outcome=\"").append(code)
                .append("\">").append(escape(outcome)).append("</p>\n");
        if (viewer != null) {
            html.append("<p id=\"signed-in-as\">Signed in as <strong>").append(escape(viewer.approver().displayName()))
                    .append("</strong> (").append(escape(viewer.approver().issuer())).append(")</p>\n");
        }
        if (approval != null) {
            details(html, approval, links);
        }
        if (viewer != null && approval != null && approval.status() == ApprovalStatus.PENDING
                && (code.equals("open") || code.equals("invalid-form"))) {
            form(html, viewer, comment);
        }
        html.append("</main></body></html>\n");
        return new Page(status, headers(), html.toString(), code);
    }

    private static void details(StringBuilder html, Approval a, EvidenceLinks links) {
        html.append("<table id=\"details\">");
        row(html, "candidate", "Candidate image", "<code>" + escape(a.imageId()) + "</code>");
        row(html, "source", "Source image", "<code>" + escape(a.sourceImageId()) + "</code>");
        row(html, "product", "Product", escape(a.product().id()));
        row(html, "os", "Operating system", escape(a.os().id()));
        row(html, "version", "Build version", escape(a.buildVersion()));
        if (unscanned(a)) {
            row(html, "findings", "Findings", "<strong id=\"unscanned\">NOT SCANNED</strong>: this image was built with scanner none; "
                    + "no vulnerability scan ran, so the counts below mean nothing.");
        } else {
            row(html, "findings", "Findings", a.findings().total() + " in total, highest severity " + a.findings().highestSeverity()
                    + (a.findings().scanner() == null ? "" : " (scanner " + escape(a.findings().scanner()) + ")"));
        }
        StringBuilder counts = new StringBuilder("<table id=\"severities\"><tr><th>Severity</th><th>Findings</th></tr>");
        for (int severity = 5; severity >= 1; severity--) {
            counts.append("<tr><td>").append(severity).append("</td><td id=\"severity-").append(severity).append("\">")
                    .append(a.findings().bySeverity().get(severity)).append("</td></tr>");
        }
        row(html, "by-severity", "By severity", counts.append("</table>").toString());
        row(html, "policy", "Scan policy", (a.policy().passed() ? "Passed" : "FAILED") + ": " + escape(a.policy().reason()));
        if (a.review() != null) {
            review(html, a.review());
        }
        row(html, "evidence", "Evidence", a.evidenceLink() == null ? "none" : links.temporaryLink(a.evidenceLink())
                .map(url -> "<a id=\"evidence-link\" href=\"" + escape(url) + "\">the scan's findings</a> (this link works for "
                        + EvidenceLinks.VALID_FOR.toMinutes() + " minutes; reload the page for a new one)")
                .orElse("kept in the evidence bucket (ask the platform team for <code>" + escape(a.evidenceLink()) + "</code>)"));
        row(html, "requested", "Requested", a.createdAt() == null ? "" : escape(when(a.createdAt())));
        row(html, "expires", "Expires", escape(when(a.expiresAt())));
        row(html, "execution", "Execution", "<code>" + escape(a.executionArn()) + "</code>");
        if (a.requiredApprovals() > 1) {
            row(html, "quorum", "Approvals", a.approvedBy().size() + " of " + a.requiredApprovals() + " distinct approvers"
                    + (a.approvedBy().isEmpty() ? "" : ": " + escape(String.join(", ", a.approvedBy()))));
        }
        if (a.status() == ApprovalStatus.ENDED) {
            row(html, "decision", "Decision", escape("none: the build ended" + (a.decidedAt() == null ? "" : " at " + when(a.decidedAt()))));
        } else if (a.status() != ApprovalStatus.PENDING) {
            row(html, "decision", "Decision", escape(a.status().name() + " by " + a.decidedBy() + " at " + when(a.decidedAt())
                    + (a.comment() == null ? "" : ": " + a.comment())));
        }
        html.append("</table>\n");
    }

    /** Everything that went into the candidate: source, scripts, packages, policy with exceptions, scan proof, worst findings. */
    private static void review(StringBuilder html, ReviewSheet r) {
        ReviewSheet.Source s = r.source();
        row(html, "source-details", "Source image", "<code>" + escape(s.imageId()) + "</code>"
                + (s.owner() == null ? "" : ", owner <code>" + escape(s.owner()) + "</code>")
                + (s.name() == null ? "" : ", name <code>" + escape(s.name()) + "</code>")
                + (s.creationDate() == null ? "" : ", created " + escape(s.creationDate())));
        StringBuilder scripts = new StringBuilder();
        for (ReviewSheet.ScriptRun run : r.scripts()) {
            scripts.append("<p>").append(escape(run.step())).append(": <code>").append(escape(run.location())).append("</code>");
            if (run.sha256() != null) {
                scripts.append(" sha256 <code>").append(escape(run.sha256())).append("</code>");
            }
            if (run.versionId() != null) {
                scripts.append(" version <code>").append(escape(run.versionId())).append("</code>");
            }
            if (!run.firstLines().isEmpty()) {
                scripts.append("<pre>").append(escape(String.join("\n", run.firstLines()))).append("</pre>");
            }
            scripts.append("</p>");
        }
        row(html, "scripts", "Scripts", r.scripts().isEmpty() ? "none" : scripts.toString());
        row(html, "packages", "Packages", (r.includePackages().isEmpty() ? "all updated" : "only " + escape(String.join(", ", r.includePackages())))
                + (r.excludePackages().isEmpty() ? "" : "; never " + escape(String.join(", ", r.excludePackages()))));
        StringBuilder policy = new StringBuilder("severity at most " + r.policy().maxSeverity());
        policy.append(r.policy().ignoredFindingIds().isEmpty() ? ", no finding ignored"
                : ", ignoring " + escape(String.join(", ", r.policy().ignoredFindingIds())));
        for (var e : r.policy().exceptions()) {
            policy.append("<br>exception <code>").append(escape(e.id())).append("</code> until ").append(escape(e.expires()))
                    .append(": ").append(escape(e.reason()));
        }
        row(html, "policy-applied", "Policy applied", policy.toString());
        if (r.scan() != null) {
            row(html, "scan-proof", "Scan", escape(r.scan().scanner() + " " + r.scan().scanRef())
                    + (r.scan().proof() == null ? "" : ": " + escape(r.scan().proof())));
        }
        if (!r.topFindings().isEmpty()) {
            StringBuilder top = new StringBuilder("<table id=\"top-findings\"><tr><th>Severity</th><th>Id</th><th>Title</th><th>CVEs</th></tr>");
            for (ReviewSheet.TopFinding f : r.topFindings()) {
                top.append("<tr><td>").append(f.severity()).append("</td><td><code>").append(escape(f.id())).append("</code></td><td>")
                        .append(escape(f.title())).append("</td><td>");
                for (String cve : f.cves()) {
                    top.append("<a href=\"").append(escape(ReviewSheet.TopFinding.cveLink(cve))).append("\">").append(escape(cve)).append("</a> ");
                }
                top.append("</td></tr>");
            }
            row(html, "top-findings-row", "Worst findings", top.append("</table>").toString());
        }
    }

    private static boolean unscanned(Approval a) {
        return a.findings() != null && !a.findings().scanned();
    }

    private static void row(StringBuilder html, String id, String label, String valueHtml) {
        html.append("<tr><th>").append(label).append("</th><td id=\"").append(id).append("\">").append(valueHtml).append("</td></tr>");
    }

    private static String csrfField(Viewer viewer) {
        return viewer == null ? "" : "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(viewer.csrfToken()) + "\">";
    }

    private static void form(StringBuilder html, Viewer viewer, String comment) {
        // No action attribute: the form posts back to the address of this page. The approver is the signed-in one.
        html.append("<form method=\"post\" id=\"decision-form\">").append(csrfField(viewer))
                .append("<label for=\"comment\">Comment (optional)</label><textarea id=\"comment\" name=\"comment\" ")
                .append("maxlength=\"1000\" rows=\"4\">").append(escape(comment)).append("</textarea>")
                .append("<p><button type=\"submit\" id=\"approve\" name=\"decision\" value=\"APPROVED\">Approve</button>")
                .append("<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"DENIED\">Deny</button></p></form>\n");
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/html; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Robots-Tag", "noindex, nofollow");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        return headers;
    }

    private static String when(Instant instant) {
        return instant == null ? "" : READABLE.format(instant);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
