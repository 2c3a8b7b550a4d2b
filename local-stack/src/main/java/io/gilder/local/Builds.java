package io.gilder.local;

import io.gilder.local.emulator.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Drives build-golden-ami executions on the local stack the way people do: start one, wait for the
 * approval e-mail, open its link and press a button (an HTTP form post, as a browser sends it).
 */
public final class Builds implements AutoCloseable {

    private final LocalStack stack;
    private final SfnClient sfn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Builds(LocalStack stack) {
        this.stack = stack;
        this.sfn = stack.inspector(SfnClient.builder()); // polling is not part of what is measured or faulted
    }

    /** Starts a build; returns the execution ARN. */
    public String start(String executionName, Object input) {
        return Executions.start(sfn, stack.deployment().ref("BuildGoldenAmiStateMachine"), executionName, Json.write(input));
    }

    /**
     * Waits for the approval e-mail whose text mentions {@code marker} (e.g. the product and build
     * version), giving up early when the execution ends without asking.
     */
    public Optional<Inbox.Mail> awaitApprovalMail(String executionArn, String marker, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Inbox.Mail> mail = stack.inbox().await(m -> m.text().contains(marker) && m.link().isPresent(), Duration.ofMillis(300));
            if (mail.isPresent()) {
                return mail;
            }
            if (sfn.describeExecution(r -> r.executionArn(executionArn)).status() != ExecutionStatus.RUNNING) {
                return stack.inbox().await(m -> m.text().contains(marker) && m.link().isPresent(), Duration.ofMillis(500));
            }
        }
        return Optional.empty();
    }

    /** The approval page as {@code approver} sees it after signing in (a member of the approvers group). */
    public HttpResponse<String> review(String link, String approver) {
        return new ApproverBrowser().signIn(link, approver, ApproverBrowser.approverClaims(null));
    }

    /** Opens an approval link without signing in, as a mail scanner does (GET). */
    public HttpResponse<String> open(String link) {
        return send(HttpRequest.newBuilder(URI.create(link)).GET().build());
    }

    /**
     * Decides the approval of {@code link} as a person does, in a fresh browser: signs in at the local identity provider
     * as {@code approver} (a member of the approvers group, without an e-mail, so the page names them by that subject),
     * then presses a button of the page's form: {@code decision} is APPROVED or DENIED. When the page offers no form
     * (an expired, decided, unknown or invalid link, a refused sign-in), there is nothing to press: that page is returned.
     */
    public HttpResponse<String> decide(String link, String decision, String approver, String comment) {
        ApproverBrowser browser = new ApproverBrowser();
        HttpResponse<String> page = browser.signIn(link, approver, ApproverBrowser.approverClaims(null));
        Optional<String> csrf = ApproverBrowser.csrf(page);
        if (csrf.isEmpty()) {
            return page;
        }
        return browser.post(link, "comment=" + enc(comment) + "&decision=" + enc(decision) + "&csrf=" + enc(csrf.get()));
    }

    /** Waits for the execution to end. */
    public Executions.Result await(String executionArn, Duration timeout) {
        return Executions.await(sfn, executionArn, timeout);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        sfn.close();
    }
}
