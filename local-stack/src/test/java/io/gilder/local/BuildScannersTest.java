package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import io.gilder.local.fakes.InspectorFake;
import io.gilder.local.fakes.TenableFake;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The scanner a build chooses, end to end on the local stack (real state machine, real handlers from the
 * real function.zip, approval through the e-mailed link):
 * <ul>
 *   <li>Tenable: played over real HTTP by {@link TenableFake} on WireMock (the stack's Tenable settings point at it,
 *       the API keys are in the emulator's Secrets Manager);</li>
 *   <li>Amazon Inspector: account status and findings answered by moto, {@code ListCoverage} (which moto lacks) by
 *       WireMock ({@link InspectorFake}). Moto's {@code ListFindings} ignores the filter: that the adapter filters by the
 *       test instance is covered by the adapter's own tests, not here;</li>
 *   <li>scanner {@code none}: no scanner is involved; what is asserted is what the workflow and Gilder's handlers do.</li>
 * </ul>
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildScannersTest {

    private static final Duration RUN = Duration.ofMinutes(3);
    private static final String VALIDATE = "ValidateBuildRequestFunction";

    private LocalStack aws;
    private Builds builds;
    private Ec2Client ec2;
    private String sourceAmi;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        builds = new Builds(aws);
        ec2 = aws.client(Ec2Client.builder());
        sourceAmi = LocalImages.amazonLinux(ec2);
    }

    @BeforeEach
    void noFaults() {
        aws.faults().reset();
    }

    @Test
    void aTenableBuildCarriesTenablesFindingsToTheApproverAndTheEvidence() {
        aws.tenable(TenableFake.Options.defaults());
        Approved build = approvedBuild("Tenable", "tenable");

        assertThat(build.mail.text()).contains("4 in total, highest severity 4", "scanner tenable");
        assertThat(build.page).contains("<td id=\"severity-4\">1</td>", "(scanner tenable)");
        assertThat(build.tags).containsEntry("gilder:scanner", "tenable").containsEntry("gilder:scanned", "true")
                .containsEntry("ScanReference", TenableFake.SCAN_REF);
        Map<String, String> evidence = evidence(build.product);
        assertThat(evidence.keySet()).contains(prefix(build) + "scan/" + TenableFake.SCAN_REF + "/raw.xml",
                prefix(build) + "scan/" + TenableFake.SCAN_REF + "/findings.json", prefix(build) + "scan/" + TenableFake.SCAN_REF + "/decision.json");
        assertThat(evidence.get(prefix(build) + "scan/" + TenableFake.SCAN_REF + "/raw.xml")).contains("<NessusClientData_v2>");
        assertThat(evidence.get(prefix(build) + "scan/" + TenableFake.SCAN_REF + "/findings.json")).contains("\"19506\"", "CVE-2024-0727");
    }

    @Test
    void anInspectorBuildCarriesInspectorsFindingsToTheApproverAndTheEvidence() {
        aws.inspector(InspectorFake.Options.defaults());
        Approved build = approvedBuild("Inspector", "inspector");

        assertThat(build.mail.text()).contains("4 in total, highest severity 4", "scanner inspector");
        assertThat(build.page).contains("<td id=\"severity-4\">1</td>", "(scanner inspector)");
        String testInstance = build.output.at("/test/instanceId").asText();
        assertThat(testInstance).startsWith("i-");
        assertThat(build.tags).containsEntry("gilder:scanner", "inspector").containsEntry("gilder:scanned", "true")
                .containsEntry("ScanReference", testInstance);
        Map<String, String> evidence = evidence(build.product);
        String folder = prefix(build) + "scan/" + testInstance + "/";
        assertThat(evidence.keySet()).contains(folder + "raw.json", folder + "findings.json", folder + "decision.json");
        assertThat(evidence.get(folder + "raw.json")).contains("findingPages");
        assertThat(evidence.get(folder + "findings.json"))
                .contains("arn:aws:inspector2:us-east-1:123456789012:finding/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    }

    @Test
    void anUnscannedBuildLaunchesNoTestInstanceAndIsApprovedAndRegisteredAsUnscanned() {
        Approved build;
        try (var allowing = aws.reconfigure(VALIDATE, Map.of("GILDER_DEFAULTS_ALLOW_UNSCANNED", "true"))) {
            build = approvedBuild("Unscanned", "none", "allowUnscanned", true);
        }

        assertThat(build.states).contains("Is Scan Required?", "Skip Scan", "Evaluate Scan Policy")
                .doesNotContain("Launch Test Instance", "Start Scan", "Check Scan", "Collect Findings", "Terminate Test Instance");
        assertThat(rolesLaunchedBy(build.arn)).as("instances the execution launched, by gilder:role").containsExactly("builder");
        assertThat(build.mail.subject()).startsWith("Approve UNSCANNED golden image");
        assertThat(build.mail.text()).contains("NOT SCANNED").doesNotContain("0 in total");
        assertThat(build.page).contains("Approve UNSCANNED", "<strong id=\"unscanned\">NOT SCANNED</strong>");
        assertThat(build.tags).containsEntry("AMI-Type", "Golden").containsEntry("gilder:scanner", "none")
                .containsEntry("gilder:scanned", "false").containsEntry("ScanReference", "unscanned");
        Map<String, String> evidence = evidence(build.product);
        assertThat(evidence.keySet()).containsExactly(prefix(build) + "scan/unscanned/decision.json");
        assertThat(evidence.values().iterator().next()).containsPattern("\"scanner\" ?: ?\"none\"").contains("NOT SCANNED");
        assertThat(aws.inbox().await(m -> m.subject().contains("registered") && m.text().contains(build.product), Duration.ofSeconds(10)))
                .as("the registration notice").hasValueSatisfying(m -> {
                    assertThat(m.subject()).endsWith("(UNSCANNED)");
                    assertThat(m.text()).contains("NOT SCANNED");
                });
    }

    @Test
    void scannerNoneIsRefusedNamingItBeforeAnythingIsCreatedOnAStackThatDoesNotAllowUnscannedImages() {
        AccountState before = AccountState.of(aws);
        Executions.Result result = builds.await(builds.start(name(), request(unique("Refused"), "scanner", "none")), RUN);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.InvalidRequestException");
        assertThat(result.cause()).contains("scanner is none, which needs the stack's AllowUnscannedImages to be true");
        assertThat(result.statesEntered()).containsExactly("Validate Build Request");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
    }

    @Test
    void scannerNoneWithTheFlagFalseIsRefusedEvenWhereTheStackAllowsUnscannedImages() {
        AccountState before = AccountState.of(aws);
        Executions.Result result;
        try (var allowing = aws.reconfigure(VALIDATE, Map.of("GILDER_DEFAULTS_ALLOW_UNSCANNED", "true"))) {
            result = builds.await(builds.start(name(), request(unique("Refused"), "scanner", "none", "allowUnscanned", false)), RUN);
        }

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.cause()).contains("allowUnscanned is false, so a build with scanner none cannot run");
        assertThat(result.statesEntered()).containsExactly("Validate Build Request");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
    }

    /**
     * A Tenable build that gives up on its scan (Check Scan allowed one check, the scan still pending) fails and terminates
     * its test instance, leaving the scan definition at Tenable; Discard Scans, on the FAILED status change, stops it and
     * deletes it, and no other scan kept at the scanners is touched.
     */
    @Test
    void aTenableBuildThatGaveUpOnItsScanLeavesNoScanDefinitionAtTenable() {
        String scanId = String.valueOf(5000 + new java.util.Random().nextInt(4000));
        TenableFake tenable = aws.tenable(TenableFake.Options.defaults().withScanId(scanId));
        KeptScans scans = KeptScans.of(aws);
        aws.executionEndings().enableFirstPassesFor(KeptScans.DISCARD);
        try (var impatient = aws.reconfigure("CheckScanFunction", Map.of("GILDER_WAITS_SCAN_ATTEMPTS", "1"))) {
            String arn = builds.start(name(), request(unique("TenableGaveUp"), "scanner", "tenable"));
            Executions.Result result = builds.await(arn, RUN);

            assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.statesEntered()).contains("Start Scan", "Check Scan", "Discard Candidate");
            assertThat(scans.problemsAfter(aws, arn, Duration.ofSeconds(60))).isEmpty();
            assertThat(tenable.keptScans()).extracting(io.gilder.local.fakes.ScanRecords.Kept::ref).doesNotContain(scanId);
            aws.wiremock().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/scans/" + scanId + "/stop")));
            aws.wiremock().verify(com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/scans/" + scanId)));
            assertThat(Json.read(KeptScans.awaitDiscard(aws, arn, Duration.ZERO).orElseThrow().answer().payloadText())
                    .at("/removed/tenable").toString()).isEqualTo("[\"" + scanId + "\"]");
        } finally {
            aws.executionEndings().disable();
        }
    }

    /** A build with {@code scanner} through to registration, approved through the e-mailed link. */
    private Approved approvedBuild(String productPrefix, String scanner, Object... extra) {
        AccountState before = AccountState.of(aws);
        String product = unique(productPrefix);
        Object[] fields = new Object[extra.length + 2];
        fields[0] = "scanner";
        fields[1] = scanner;
        System.arraycopy(extra, 0, fields, 2, extra.length);
        String arn = builds.start(name(), request(product, fields));
        Inbox.Mail mail = builds.awaitApprovalMail(arn, product, RUN).orElseThrow(() -> new AssertionError(
                "no approval e-mail; execution ended: " + builds.await(arn, Duration.ofSeconds(5)).cause()));
        String link = mail.link().orElseThrow();
        String page = builds.review(link, "Jane Doe").body();
        assertThat(builds.decide(link, "APPROVED", "Jane Doe", "ok").statusCode()).isEqualTo(200);
        Executions.Result result = builds.await(arn, RUN);
        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = Json.read(result.output());
        String imageId = output.at("/registered/imageId").asText();
        Image image = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0);
        Map<String, String> tags = new HashMap<>();
        image.tags().forEach(t -> tags.put(t.key(), t.value()));
        assertThat(AccountState.of(aws).newSince(before)).as("no instance left running").noneMatch(line -> line.startsWith("instance"));
        return new Approved(arn, product, imageId, mail, page, result.statesEntered(), output, tags);
    }

    private record Approved(String arn, String product, String imageId, Inbox.Mail mail, String page, List<String> states,
            JsonNode output, Map<String, String> tags) {}

    private Set<String> rolesLaunchedBy(String executionArn) {
        Set<String> roles = new TreeSet<>();
        ec2.describeInstances(r -> r.filters(f -> f.name("tag:gilder:execution").values(executionArn))).reservations()
                .forEach(res -> res.instances().forEach(i -> i.tags().stream().filter(t -> t.key().equals("gilder:role"))
                        .forEach(t -> roles.add(t.value()))));
        return roles;
    }

    private static String prefix(Approved build) {
        return "AmazonLinux-2023/" + build.product + "/1/" + build.imageId + "/";
    }

    /** Every evidence object of the product's build 1, by key. */
    private Map<String, String> evidence(String product) {
        Map<String, String> objects = new LinkedHashMap<>();
        try (S3Client s3 = aws.client(S3Client.builder())) {
            String bucket = aws.deployment().ref("EvidenceBucket");
            s3.listObjectsV2(r -> r.bucket(bucket).prefix("AmazonLinux-2023/" + product + "/1/")).contents()
                    .forEach(o -> objects.put(o.key(), s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asUtf8String()));
        }
        return objects;
    }

    private Map<String, Object> request(String product, Object... fields) {
        Map<String, Object> request = new LinkedHashMap<>(Map.of("sourceAmiId", sourceAmi, "productName", product,
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1", "instanceType", "t3.medium"));
        for (int i = 0; i < fields.length; i += 2) {
            request.put((String) fields[i], fields[i + 1]);
        }
        return request;
    }

    private static String unique(String product) {
        return product + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
    }

    private static String name() {
        return "build-" + UUID.randomUUID();
    }
}
