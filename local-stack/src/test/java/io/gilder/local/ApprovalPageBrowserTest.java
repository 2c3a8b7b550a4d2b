package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalDecision;
import io.gilder.approval.ApprovalDesk;
import io.gilder.approval.ApprovalIds;
import io.gilder.approval.ApprovalPages;
import io.gilder.approval.ApprovalStatus;
import io.gilder.approval.ApprovalStore;
import io.gilder.approval.FormBody;
import io.gilder.approval.TaskCallback;
import io.gilder.registry.NamedVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The approval pages in a real browser: the inline style passes the page's Content-Security-Policy,
 * the form posts back to the link's own address, and a decided approval no longer offers a form.
 * The pages are served by the same desk and renderer the approval-page handler uses.
 */
@ExtendWith(Browser.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalPageBrowserTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAX-secret-task-token";

    private final MapStore store = new MapStore();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final ApprovalDesk desk = new ApprovalDesk(store, new TaskCallback() {
        @Override
        public void succeed(String token, String json) {
            answers.add(token + " " + json);
        }

        @Override
        public Delivery delivery(String executionArn) {
            return new Delivery.Waiting(); // never asked: every answer above arrives
        }
    }, Clock.systemUTC());
    private HttpServer server;

    @BeforeAll
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/approvals/", this::page);
        server.start();
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    @Test
    void anApproverReviewsAndApprovesOnce(Browser browser) {
        String id = store.add(Instant.now().plus(Duration.ofHours(1)));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/approvals/" + id;
        WebDriver page = browser.driver();

        page.get(url);
        assertThat(page.findElement(By.id("outcome")).getAttribute("data-outcome")).isEqualTo("open");
        assertThat(page.findElement(By.id("outcome")).getCssValue("background-color"))
                .as("the inline style sheet is allowed by the policy's hash").isEqualTo("rgba(238, 238, 255, 1)");
        assertThat(page.findElement(By.id("candidate")).getText()).isEqualTo("ami-0123456789abcdef0");

        page.findElement(By.name("comment")).sendKeys("scan is clean");
        page.findElement(By.cssSelector("button[name=decision][value=APPROVED]")).click();

        assertThat(Browser.outcomeAfterSubmit(page)).isEqualTo("approved");
        assertThat(page.getCurrentUrl()).isEqualTo(url);
        assertThat(page.findElement(By.id("outcome")).getText()).isEqualTo("Approved by Ann <b>Smith</b>. The build registers the golden image.");
        assertThat(page.getPageSource()).doesNotContain(TOKEN);
        assertThat(answers).singleElement().asString().startsWith(TOKEN + " {\"decision\":\"APPROVED\",\"approver\":\"Ann <b>Smith</b>\"");

        page.get(url);
        assertThat(page.findElement(By.id("outcome")).getAttribute("data-outcome")).isEqualTo("already-decided");
        assertThat(page.findElements(By.tagName("form"))).isEmpty();
        assertThat(answers).hasSize(1);
    }

    @Test
    void denyingIsTheOtherButton(Browser browser) {
        String id = store.add(Instant.now().plus(Duration.ofHours(1)));
        WebDriver page = browser.driver();

        page.get("http://127.0.0.1:" + server.getAddress().getPort() + "/approvals/" + id);
        page.findElement(By.cssSelector("button[name=decision][value=DENIED]")).click();

        assertThat(Browser.outcomeAfterSubmit(page)).isEqualTo("denied");
    }

    @Test
    void aGarbledLinkShowsItsOwnPage(Browser browser) {
        WebDriver page = browser.driver();

        page.get("http://127.0.0.1:" + server.getAddress().getPort() + "/approvals/not-an-id");

        assertThat(page.findElement(By.id("outcome")).getAttribute("data-outcome")).isEqualTo("invalid-link");
    }

    /** Stands for the signed-in approver (sign-in itself is ApprovalThroughEmailTest's, with the real provider); a name to escape. */
    private static final ApprovalPages.Viewer VIEWER = new ApprovalPages.Viewer(
            new io.gilder.approval.Approver("ann-0001", "Ann <b>Smith</b>", "https://idp.example"), "csrf-1");

    /** What API Gateway and the approval-page handler do, in a few lines of JDK HTTP server. */
    private void page(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/approvals/".length());
        ApprovalPages.Page page;
        if (exchange.getRequestMethod().equals("POST")) {
            Map<String, String> form = FormBody.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), false);
            page = "csrf-1".equals(form.get("csrf"))
                    ? ApprovalPages.render(desk.decide(id, form.get("decision"), VIEWER.approver().displayName(), form.get("comment")),
                            io.gilder.approval.EvidenceLinks.NONE, VIEWER)
                    : ApprovalPages.forgedForm();
        } else {
            page = ApprovalPages.render(desk.show(id), io.gilder.approval.EvidenceLinks.NONE, VIEWER);
        }
        byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
        page.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(page.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A store with the contract's conditional decide, in memory. */
    private static final class MapStore implements ApprovalStore {

        private final Map<String, Approval> approvals = new ConcurrentHashMap<>();

        String add(Instant expiresAt) {
            String id = new ApprovalIds(SecureRandom::new).next();
            approvals.put(id, Approval.pending(id, "arn:aws:states:us-east-1:123456789012:execution:BuildGoldenAmi:run-1",
                    "ami-0123456789abcdef0", new NamedVersion("WebServer", "1.0"), new NamedVersion("AmazonLinux", "2023"), "7",
                    "ami-0fedcba9876543210", new Approval.Findings(Map.of(2, 3), 2, 3), "s3://evidence/findings.json",
                    new Approval.Policy(true, "no finding above severity 3"), Instant.now(), expiresAt));
            return id;
        }

        @Override
        public void create(Approval approval, String taskToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Approval> find(String approvalId) {
            return Optional.ofNullable(approvals.get(approvalId));
        }

        @Override
        public synchronized Decided decide(String approvalId, ApprovalDecision.Vote vote, String voter, Instant at) {
            Optional<ApprovalDecision.Refusal> refusal = ApprovalDecision.refusalAt(find(approvalId), at);
            if (refusal.isPresent()) {
                return new Lost(refusal.get());
            }
            approvals.put(approvalId, approvals.get(approvalId).decided(vote, at));
            return new Won(TOKEN, approvals.get(approvalId));
        }

        @Override
        public Optional<String> decidedToken(String approvalId) {
            Approval a = approvals.get(approvalId);
            return a == null || a.status() == ApprovalStatus.PENDING ? Optional.empty() : Optional.of(TOKEN);
        }
    }
}
