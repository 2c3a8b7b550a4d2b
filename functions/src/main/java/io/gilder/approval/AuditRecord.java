package io.gilder.approval;

import java.time.Instant;

/**
 * One view, sign-in or decision of an approval, as the decision log keeps it: who (the verified identity: the
 * approver's signed-in session or their IAM identity), from where, when, through which request, and what came of it. It names the approval by its {@link ApprovalIds#reference}, never by the id of its link.
 *
 * @param at              when the page answered
 * @param requestId       API Gateway's request id
 * @param action          {@code view} (GET), {@code sign-in} (the provider's return), {@code decide} (POST of the form) or
 *                        {@code redeliver} (POST deliver=again)
 * @param approval        the approval's reference, null when the link held no well-formed id
 * @param outcome         the page's outcome code ({@code open}, {@code approved}, {@code already-decided}, ...)
 * @param status          the HTTP status of the page
 * @param subject         the verified identity's subject; null when no one is signed in
 * @param email           the verified identity's e-mail, when the provider verified one
 * @param issuer          the verified identity's issuer ({@code aws:iam} for IAM callers)
 * @param sourceIp        the caller's address as API Gateway saw it
 * @param userAgent       the caller's User-Agent header
 */
public record AuditRecord(Instant at, String requestId, String action, String approval, String outcome, int status, String subject,
        String email, String issuer, String sourceIp, String userAgent) {

    /** The record as one line of JSON, for the log bucket and the function's structured log alike. */
    public String json() {
        return "{\"at\":" + JsonText.quote(at.toString()) + ",\"requestId\":" + JsonText.quote(requestId) + ",\"action\":"
                + JsonText.quote(action) + ",\"approval\":" + JsonText.quote(approval) + ",\"outcome\":" + JsonText.quote(outcome)
                + ",\"status\":" + status + ",\"identity\":{\"subject\":" + JsonText.quote(subject) + ",\"email\":" + JsonText.quote(email)
                + ",\"issuer\":" + JsonText.quote(issuer) + ",\"verified\":" + (subject != null) + "},\"sourceIp\":" + JsonText.quote(sourceIp) + ",\"userAgent\":"
                + JsonText.quote(userAgent) + "}";
    }
}
