package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.Json;
import io.gilder.local.fakes.QualysFake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The approval protocol through the real path: a build on the local stack e-mails a link (read from
 * the topic's subscription), real headless Chromium opens it through the local HTTP API route, which
 * runs the real approval-page function, which resumes the real execution.
 */
@ExtendWith({LocalAws.class, Browser.Extension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalThroughEmailTest {

    private static final Duration RUN = Duration.ofMinutes(3);

    private LocalStack aws;
    private Builds builds;
    private SfnClient sfn;
    private String sourceAmi;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        builds = new Builds(aws);
        sfn = aws.client(SfnClient.builder());
        try (Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            sourceAmi = LocalImages.amazonLinux(ec2);
        }
    }

    @Test
    void anApproverSeesTheSummaryAndApprovesInABrowser(Browser browser) {
        Pending build = startBuild("PT1H");
        WebDriver page = browser.driver();

        assertThat(browser.signIn(build.link(), "ann-0001", ApproverBrowser.approverClaims("ann@example.com"))).isEqualTo("open");
        assertThat(page.getCurrentUrl()).isEqualTo(build.link());
        assertThat(page.findElement(By.id("signed-in-as")).getText()).contains("ann@example.com", aws.approverIssuer());
        assertThat(page.getPageSource()).contains(build.product()).contains("AmazonLinux-2023").contains(sourceAmi);
        assertThat(page.getPageSource()).as("the review sheet, read back from the table").contains("owner <code>");
        assertThat(page.findElement(By.id("severity-4")).getText()).isEqualTo("1");
        assertThat(page.findElements(By.name("approver"))).as("no one types their name: the sign-in names them").isEmpty();
        page.findElement(By.name("comment")).sendKeys("clean enough");
        page.findElement(By.cssSelector("button[name=decision][value=APPROVED]")).click();

        assertThat(Browser.outcomeAfterSubmit(page)).isEqualTo("approved");
        Executions.Result result = builds.await(build.arn(), RUN);
        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.read(result.output()).at("/approval/approver").asText()).isEqualTo("ann@example.com");
        assertNoTokenIn(result, build);
        assertNoApprovalIdIn(result, build);
        assertDecisionLogged(build);
    }

    @Test
    void anotherApproverDeniesInABrowser(Browser browser) {
        Pending build = startBuild("PT1H");
        WebDriver page = browser.driver();

        assertThat(browser.signIn(build.link(), "bob-0002", ApproverBrowser.approverClaims("bob@example.com"))).isEqualTo("open");
        page.findElement(By.name("comment")).sendKeys("missing CIS hardening");
        page.findElement(By.cssSelector("button[name=decision][value=DENIED]")).click();

        assertThat(Browser.outcomeAfterSubmit(page)).isEqualTo("denied");
        Executions.Result result = builds.await(build.arn(), RUN);
        assertThat(result.error()).isEqualTo("Gilder.ImageDenied");
        assertThat(result.cause()).contains("bob@example.com").contains("missing CIS hardening");
    }

    @Test
    void someoneOutsideTheApproversGroupSignsInButSeesAndDecidesNothing(Browser browser) {
        Pending build = startBuild("PT1H");
        Map<String, AttributeValue> stored = approvalItem(build);
        WebDriver page = browser.driver();

        assertThat(browser.signIn(build.link(), "eve-0003", "{\"email\":\"eve@example.com\",\"email_verified\":true,"
                + "\"groups\":[\"developers\"]}")).isEqualTo("sign-in-refused");
        assertThat(page.getPageSource()).contains("not an approver").doesNotContain(build.product(), sourceAmi);
        page.get(build.link());
        assertThat(page.findElements(By.name("username"))).as("no session: the link leads to the provider again").isNotEmpty();
        assertThat(approvalItem(build)).isEqualTo(stored);
        assertThat(status(build)).isEqualTo(ExecutionStatus.RUNNING);
        aws.inbox().clear();
    }

    @Test
    void aQuorumOfTwoNeedsTwoDistinctSignedInApprovers() {
        Pending build;
        try (var quorum = aws.functions().reconfigure("RequestApprovalFunction", Map.of("GILDER_APPROVALS_REQUIRED_APPROVALS", "2"))) {
            build = startBuild("PT1H");
        }
        ApproverBrowser ann = new ApproverBrowser();
        var page = ann.signIn(build.link(), "ann-0001", ApproverBrowser.approverClaims("ann@example.com"));
        assertThat(page.body()).contains("0 of 2 distinct approvers");
        var first = ann.post(build.link(), "decision=APPROVED&comment=fine&csrf=" + ApproverBrowser.csrf(page).orElseThrow());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("data-outcome=\"counted\"", "1 of 2", "1 more approver");
        assertThat(status(build)).as("one approval of two decides nothing").isEqualTo(ExecutionStatus.RUNNING);

        ApproverBrowser annAgain = new ApproverBrowser(); // a new session of the same person
        var again = annAgain.signIn(build.link(), "ann-0001", ApproverBrowser.approverClaims("ann@example.com"));
        var twice = annAgain.post(build.link(), "decision=APPROVED&csrf=" + ApproverBrowser.csrf(again).orElseThrow());
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("data-outcome=\"already-voted\"");

        ApproverBrowser bob = new ApproverBrowser();
        var bobsPage = bob.signIn(build.link(), "bob-0002", ApproverBrowser.approverClaims("bob@example.com"));
        assertThat(bobsPage.body()).contains("1 of 2 distinct approvers: ann@example.com");
        var second = bob.post(build.link(), "decision=APPROVED&comment=agreed&csrf=" + ApproverBrowser.csrf(bobsPage).orElseThrow());
        assertThat(second.body()).contains("data-outcome=\"approved\"", "Approved by ann@example.com, bob@example.com");

        Executions.Result result = builds.await(build.arn(), RUN);
        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.read(result.output()).at("/approval/approver").asText()).isEqualTo("ann@example.com, bob@example.com");
    }

    @Test
    void withSeparationOfDutiesTheStarterCannotApproveTheirBuildButAnotherApproverCan() throws Exception {
        URI startRoute = URI.create(aws.endpoint().toString().replaceAll("/$", "") + "/builds?name=sod-" + UUID.randomUUID());
        var ann = aws.approverCredentials("ann-0001");
        aws.qualys(QualysFake.Options.defaults());
        String product = "Duties" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        String request = Json.write(Map.of("sourceAmiId", sourceAmi, "productName", product, "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "1", "approvalTimeout", "PT1H"));

        assertThat(post(startRoute, request, Map.of()).statusCode()).as("an unsigned start").isEqualTo(403);
        java.net.http.HttpResponse<String> started = post(startRoute, request, signed(startRoute, request, ann));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String annArn = "arn:aws:sts::" + io.gilder.local.emulator.LocalNames.ACCOUNT + ":assumed-role/GilderApprover/ann-0001";
        assertThat(Json.read(started.body()).path("startedBy").asText()).isEqualTo(annArn);
        String arn = Json.read(started.body()).path("executionArn").asText();
        String link = builds.awaitApprovalMail(arn, product, RUN).flatMap(Inbox.Mail::link).orElseThrow();
        Pending direct = startBuild("PT1H");

        try (var duties = aws.functions().reconfigure("ApprovalPageFunction", Map.of("GILDER_APPROVALS_SEPARATE_FROM_STARTER", "true"))) {
            ApproverBrowser annInBrowser = new ApproverBrowser();
            var page = annInBrowser.signIn(link, "ann-0001", ApproverBrowser.approverClaims("ann@example.com"));
            var own = annInBrowser.post(link, "decision=APPROVED&csrf=" + ApproverBrowser.csrf(page).orElseThrow());
            assertThat(own.statusCode()).isEqualTo(403);
            assertThat(own.body()).contains("data-outcome=\"started-the-build\"");
            assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status()).isEqualTo(ExecutionStatus.RUNNING);

            ApproverBrowser bob = new ApproverBrowser();
            var bobsPage = bob.signIn(direct.link(), "bob-0002", ApproverBrowser.approverClaims("bob@example.com"));
            var unknown = bob.post(direct.link(), "decision=APPROVED&csrf=" + ApproverBrowser.csrf(bobsPage).orElseThrow());
            assertThat(unknown.body()).as("a build started around the route").contains("data-outcome=\"starter-unknown\"");

            bobsPage = bob.signIn(link, "bob-0002", ApproverBrowser.approverClaims("bob@example.com"));
            var approved = bob.post(link, "decision=APPROVED&csrf=" + ApproverBrowser.csrf(bobsPage).orElseThrow());
            assertThat(approved.body()).contains("data-outcome=\"approved\"", "Approved by bob@example.com");
        }
        Executions.Result result = builds.await(arn, RUN);
        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(builds.decide(direct.link(), "DENIED", "cleanup", "done").statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousForgedAndReplayedRequestsChangeNothing() {
        Pending build = startBuild("PT1H");
        Map<String, AttributeValue> stored = approvalItem(build);

        ApproverBrowser anonymous = new ApproverBrowser();
        assertThat(anonymous.post(build.link(), "decision=APPROVED&comment=drive-by").statusCode()).as("anonymous POST").isEqualTo(401);

        ApproverBrowser ann = new ApproverBrowser();
        var page = ann.signIn(build.link(), "ann-0001", ApproverBrowser.approverClaims("ann@example.com"));
        String csrf = ApproverBrowser.csrf(page).orElseThrow();
        assertThat(ann.post(build.link(), "decision=APPROVED").statusCode()).as("no CSRF token").isEqualTo(403);
        ApproverBrowser bob = new ApproverBrowser();
        String bobsCsrf = ApproverBrowser.csrf(bob.signIn(build.link(), "bob-0002", ApproverBrowser.approverClaims(null))).orElseThrow();
        assertThat(ann.post(build.link(), "decision=APPROVED&csrf=" + bobsCsrf).statusCode()).as("another session's CSRF token").isEqualTo(403);
        assertThat(anonymous.post(build.link(), "decision=APPROVED&csrf=" + csrf).statusCode()).as("a CSRF token without its session")
                .isEqualTo(401);

        // The provider's return replayed, in another browser and in the one that used it: neither opens a session.
        ApproverBrowser carol = new ApproverBrowser();
        var redirect = carol.get(build.link());
        var back = carol.post(redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow()).toString(),
                "username=carol&claims=" + ApproverBrowser.enc(ApproverBrowser.approverClaims(null)));
        String callback = back.headers().firstValue("Location").orElseThrow();
        assertThat(new ApproverBrowser().get(callback).body()).as("another browser").contains("sign-in-refused");
        assertThat(carol.get(callback).statusCode()).isEqualTo(200);
        assertThat(carol.get(callback).body()).as("the same return twice").contains("sign-in-refused");
        ApproverBrowser forger = new ApproverBrowser();
        var started = forger.get(build.link());
        String state = started.headers().firstValue("Location").orElseThrow().replaceAll(".*[?&]state=([^&]+).*", "$1");
        String base = build.link().substring(0, build.link().lastIndexOf('/'));
        assertThat(forger.get(base + "/signed-in?code=forged-code&state=" + state).body()).as("a forged code").contains("sign-in-refused");

        assertThat(approvalItem(build)).as("nothing changed").isEqualTo(stored);
        assertThat(status(build)).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(ann.post(build.link(), "decision=DENIED&comment=cleanup&csrf=" + csrf).statusCode()).isEqualTo(200);
        var again = ann.post(build.link(), "decision=APPROVED&csrf=" + csrf);
        assertThat(again.statusCode()).as("a second decision by the same approver").isEqualTo(409);
        assertThat(builds.await(build.arn(), RUN).error()).isEqualTo("Gilder.ImageDenied");
    }

    @Test
    void getsNeverDecideAndASecondPostChangesNothing() {
        Pending build = startBuild("PT1H");
        Map<String, AttributeValue> stored = approvalItem(build);

        for (int i = 0; i < 3; i++) {
            var prefetch = builds.open(build.link()); // mail scanners pre-fetching links
            assertThat(prefetch.statusCode()).isEqualTo(302);
            assertThat(prefetch.body()).doesNotContain(build.product());
        }
        assertThat(approvalItem(build)).as("GET changes nothing").isEqualTo(stored);
        assertThat(status(build)).isEqualTo(ExecutionStatus.RUNNING);

        assertThat(builds.decide(build.link(), "DENIED", "First", "no").statusCode()).isEqualTo(200);
        Map<String, AttributeValue> decided = approvalItem(build);
        var second = builds.decide(build.link(), "APPROVED", "Second", "yes");

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("already-decided");
        assertThat(approvalItem(build)).as("the second POST changes nothing").isEqualTo(decided);
        assertThat(builds.await(build.arn(), RUN).error()).isEqualTo("Gilder.ImageDenied");
    }

    @Test
    void unknownTamperedAndExpiredLinksShowAClearPageAndChangeNothing() {
        Pending build = startBuild("PT2S");
        Executions.Result expired = builds.await(build.arn(), RUN);
        assertThat(expired.error()).isEqualTo("Gilder.ApprovalExpired");
        Map<String, AttributeValue> stored = approvalItem(build);
        assertThat(stored.get("status").s()).as("the discard ended the request").isEqualTo("ENDED");
        assertThat(stored).as("and removed its task token").doesNotContainKey("taskToken");

        String base = build.link().substring(0, build.link().lastIndexOf('/') + 1);
        String id = build.link().substring(base.length());
        String tampered = base + (id.charAt(0) == 'A' ? 'B' : 'A') + id.substring(1);
        String unknown = base + "A".repeat(id.length());

        var late = builds.decide(build.link(), "APPROVED", "Late", "sorry");
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("data-outcome=\"ended\"", "expired");
        for (String link : List.of(tampered, unknown)) {
            var answer = builds.decide(link, "APPROVED", "Mallory", "");
            assertThat(answer.statusCode()).as(link).isEqualTo(404);
            assertThat(answer.body()).contains("unknown");
        }
        var garbled = builds.decide(base + "not-an-approval-id", "APPROVED", "Mallory", "");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(approvalItem(build)).as("nothing changed").isEqualTo(stored);
    }

    @Test
    void anApproverDecidesFromTheCliWithTheirOwnIamIdentity() throws Exception {
        Pending build = startBuild("PT1H");
        URI decision = URI.create(build.link() + "/decision");
        var ann = aws.approverCredentials("ann");
        var mallory = software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(ann.accessKeyId(), "not-the-secret", ann.sessionToken());

        java.net.http.HttpResponse<String> unsigned = post(decision, "decision=APPROVED", Map.of());
        java.net.http.HttpResponse<String> forged = post(decision, "decision=APPROVED", signed(decision, "decision=APPROVED", mallory));
        java.net.http.HttpResponse<String> tampered = post(decision, "decision=APPROVED", signed(decision, "decision=DENIED", ann));
        assertThat(List.of(unsigned.statusCode(), forged.statusCode(), tampered.statusCode())).as("unsigned, forged, tampered")
                .containsOnly(403);
        assertThat(status(build)).isEqualTo(ExecutionStatus.RUNNING);

        java.net.http.HttpResponse<String> approved = post(decision, "decision=APPROVED&comment=from+the+CLI",
                signed(decision, "decision=APPROVED&comment=from+the+CLI", ann));

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        String annArn = "arn:aws:sts::" + io.gilder.local.emulator.LocalNames.ACCOUNT + ":assumed-role/GilderApprover/ann";
        assertThat(Json.read(approved.body()).path("approver").asText()).isEqualTo(annArn);
        Executions.Result result = builds.await(build.arn(), RUN);
        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Json.read(result.output()).at("/approval/approver").asText()).isEqualTo(annArn);
        assertThat(Json.read(result.output()).at("/approval/comment").asText()).isEqualTo("from the CLI");
    }

    /** The headers SigV4 adds to a form POST to {@code uri} (service execute-api), as the AWS SDK or curl --aws-sigv4 signs it. */
    private static Map<String, String> signed(URI uri, String body, software.amazon.awssdk.auth.credentials.AwsSessionCredentials credentials) {
        var request = software.amazon.awssdk.http.SdkHttpFullRequest.builder().uri(uri).method(software.amazon.awssdk.http.SdkHttpMethod.POST)
                .putHeader("Content-Type", "application/x-www-form-urlencoded").build();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(r -> r
                .identity(software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), credentials.sessionToken()))
                .request(request).payload(software.amazon.awssdk.http.ContentStreamProvider.fromUtf8String(body))
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, io.gilder.local.emulator.LocalNames.REGION));
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    private static java.net.http.HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(uri).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                request.header(name, value);
            }
        });
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    record Pending(String arn, String product, String link, String mailText) {}

    private Pending startBuild(String approvalTimeout) {
        aws.qualys(QualysFake.Options.defaults());
        String product = "Approval" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        String arn = builds.start("approval-" + UUID.randomUUID(), Map.of("sourceAmiId", sourceAmi, "productName", product,
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1", "approvalTimeout", approvalTimeout));
        Inbox.Mail mail = builds.awaitApprovalMail(arn, product, RUN)
                .orElseThrow(() -> new AssertionError("no approval e-mail for " + product));
        return new Pending(arn, product, mail.link().orElseThrow(), mail.text());
    }

    private Map<String, AttributeValue> approvalItem(Pending build) {
        String id = build.link().substring(build.link().lastIndexOf('/') + 1);
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            return dynamo.getItem(r -> r.tableName(aws.deployment().ref("ApprovalsTable"))
                    .key(Map.of("approvalKey", AttributeValue.fromS(io.gilder.approval.ApprovalIds.key(id))))).item();
        }
    }

    private ExecutionStatus status(Pending build) {
        return sfn.describeExecution(r -> r.executionArn(build.arn())).status();
    }

    private static String outcome(WebDriver page) {
        return page.findElement(By.id("outcome")).getAttribute("data-outcome");
    }

    /**
     * The browser's view and decision are in the decision log: one object each under approvals/, naming the approval by
     * its reference, with the caller's address and agent, locked by the bucket's default retention so that not even
     * the pipeline account's own credentials delete it.
     */
    private void assertDecisionLogged(Pending build) {
        String id = build.link().substring(build.link().lastIndexOf('/') + 1);
        String reference = io.gilder.approval.ApprovalIds.reference(id);
        try (software.amazon.awssdk.services.s3.S3Client s3 = aws.client(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(true))) {
            String bucket = aws.deployment().ref("AuditBucket");
            List<String> keys = s3.listObjectsV2(r -> r.bucket(bucket).prefix("approvals/")).contents().stream()
                    .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList();
            List<com.fasterxml.jackson.databind.JsonNode> mine = keys.stream()
                    .map(k -> Json.read(s3.getObjectAsBytes(r -> r.bucket(bucket).key(k)).asUtf8String()))
                    .filter(r -> reference.equals(r.path("approval").asText())).toList();
            assertThat(mine).extracting(r -> r.path("action").asText() + " " + r.path("outcome").asText())
                    .contains("view sign-in", "sign-in signed-in", "view open", "decide submitted", "decide approved");
            com.fasterxml.jackson.databind.JsonNode decision = mine.stream().filter(r -> r.path("outcome").asText().equals("approved"))
                    .findFirst().orElseThrow();
            assertThat(decision.path("identity").path("subject").asText()).isEqualTo("ann-0001");
            assertThat(decision.path("identity").path("email").asText()).isEqualTo("ann@example.com");
            assertThat(decision.path("identity").path("issuer").asText()).isEqualTo(aws.approverIssuer());
            assertThat(decision.path("identity").path("verified").asBoolean()).isTrue();
            assertThat(decision.path("userAgent").asText()).contains("Chrome");
            assertThat(decision.path("sourceIp").asText()).isNotBlank();
            assertThat(decision.path("requestId").asText()).isNotBlank();
            String key = keys.stream().filter(k -> k.endsWith(decision.path("requestId").asText() + "-approved.json")).findFirst().orElseThrow();
            var head = s3.headObject(r -> r.bucket(bucket).key(key));
            assertThat(head.objectLockModeAsString()).isEqualTo("GOVERNANCE");
            assertThat(head.objectLockRetainUntilDate()).isAfter(java.time.Instant.now().plus(Duration.ofDays(364)));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s3.deleteObject(r -> r.bucket(bucket).key(key).versionId(head.versionId()))))
                    .as("a locked record cannot be deleted").isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        }
    }

    /**
     * The approval id, the link's only secret, appears nowhere but in the e-mail: not in any event of the execution's
     * history (inputs, outputs, parameters, results), not in any function's log, not as a key of the approvals table.
     */
    private void assertNoApprovalIdIn(Executions.Result result, Pending build) {
        String id = build.link().substring(build.link().lastIndexOf('/') + 1);
        assertThat(id).hasSize(32);
        String history = result.historyText();
        assertThat(history).as("the history was read whole").contains(build.product()).contains(result.taskToken().orElseThrow());
        assertThat(history).as("execution history").doesNotContain(id);
        try (Stream<Path> files = Files.walk(aws.functions().logDirectory())) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            List<Map<String, AttributeValue>> items = dynamo.scan(r -> r.tableName(aws.deployment().ref("ApprovalsTable"))).items();
            assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(item.toString()).doesNotContain(id));
        }
        assertThat(approvalItem(build)).as("found by the id's hash").containsKey("taskToken");
    }

    /** The token Step Functions issued appears in no e-mail, link or function log line. */
    private void assertNoTokenIn(Executions.Result result, Pending build) {
        String token = result.taskToken().orElseThrow();
        assertThat(build.mailText()).doesNotContain(token);
        assertThat(build.link()).doesNotContain(token);
        try (Stream<Path> files = Files.walk(aws.workDir())) {
            List<Path> logs = files.filter(p -> p.toString().endsWith(".log")).toList();
            assertThat(logs).as("function logs exist").isNotEmpty();
            for (Path log : logs) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(token);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
