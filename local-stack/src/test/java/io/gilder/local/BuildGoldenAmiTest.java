package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import io.gilder.local.fakes.QualysFake;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The whole build-golden-ami workflow on the local stack: real state machine, real handlers, EC2/SSM/
 * S3/DynamoDB/SNS on moto, Qualys played by WireMock, the approval decided through the e-mailed link.
 * What moto fakes is not asserted: SSM commands always "succeed" there and instances are "managed"
 * because the local stack answers DescribeInstanceInformation from WireMock.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildGoldenAmiTest {

    private static final Duration RUN = Duration.ofMinutes(3);

    private LocalStack aws;
    private Builds builds;
    private Ec2Client ec2;
    private SsmClient ssm;
    private String sourceAmi;
    private LifecycleEvents events;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        builds = new Builds(aws);
        ec2 = aws.client(Ec2Client.builder());
        ssm = aws.client(SsmClient.builder());
        sourceAmi = LocalImages.amazonLinux(ec2);
        events = LifecycleEvents.subscribe(aws);
    }

    @BeforeEach
    void freshFakes() {
        aws.faults().reset();
        aws.qualys(QualysFake.Options.defaults());
    }

    @Test
    void anApprovedBuildBecomesAGoldenImageAndLeavesNoInstanceRunning() {
        AccountState before = AccountState.of(aws);
        String product = unique("WebServer");
        String arn = builds.start(name(), request(product, Map.of("postUpdateScript", "#!/bin/bash\necho hardened\n")));

        Inbox.Mail mail = builds.awaitApprovalMail(arn, product, RUN).orElseThrow(() -> new AssertionError(
                "no approval e-mail; execution ended: " + builds.await(arn, Duration.ofSeconds(5)).cause()));
        String link = mail.link().orElseThrow();
        assertThat(builds.open(link).body()).as("nothing for anyone not signed in").doesNotContain(product);
        assertThat(builds.review(link, "Jane Doe").body()).contains(product).contains("Approve").contains("Signed in as <strong>Jane Doe</strong>");
        assertThat(builds.decide(link, "APPROVED", "Jane Doe", "looks good").statusCode()).isEqualTo(200);
        Executions.Result result = builds.await(arn, RUN);

        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statesEntered()).containsSubsequence("Validate Build Request", "Launch Builder Instance",
                "Check Builder Managed", "Run Build Steps", "Stop Builder Instance", "Create Candidate Image",
                "Check Image Available", "Terminate Builder Instance", "Launch Test Instance", "Start Scan", "Check Scan",
                "Collect Findings", "Terminate Test Instance", "Evaluate Scan Policy", "Request Approval",
                "Register Golden Image", "Golden Image Registered");
        JsonNode output = Json.read(result.output());
        String imageId = output.at("/registered/imageId").asText();
        assertThat(result.statesEntered()).as("retention after registration (RetainVersions 0: keeps all)")
                .containsSubsequence("Register Golden Image", "Deprecate Old Versions", "Golden Image Registered");
        assertThat(output.at("/retention/keep").asInt()).isZero();

        var parameter = ssm.getParameter(r -> r.name("/GoldenAMI/AmazonLinux-2023/" + product + "/1")).parameter();
        assertThat(parameter.value()).isEqualTo(imageId);
        assertThat(parameter.dataType()).isEqualTo("aws:ec2:image");
        assertThat(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")).contains(imageId);

        Image image = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0);
        assertThat(tags(image.tags())).containsEntry("AMI-Type", "Golden").containsEntry("Approver", "Jane Doe")
                .containsEntry("Product", product).containsKey("ScanReference");
        image.blockDeviceMappings().stream().filter(b -> b.ebs() != null).forEach(b -> assertThat(tags(
                ec2.describeSnapshots(r -> r.snapshotIds(b.ebs().snapshotId())).snapshots().get(0).tags()))
                .containsEntry("AMI-Type", "Golden"));

        List<String> left = AccountState.of(aws).newSince(before);
        assertThat(left).as("only the golden image, its snapshots and parameters are new")
                .allMatch(line -> line.startsWith("image: " + imageId) || line.startsWith("snapshot: ")
                        || line.startsWith("parameter "));
        assertThat(left).noneMatch(line -> line.startsWith("instance"));

        try (S3Client s3 = aws.client(S3Client.builder())) {
            String bucket = aws.deployment().ref("EvidenceBucket");
            List<String> keys = s3.listObjectsV2(r -> r.bucket(bucket).prefix("AmazonLinux-2023/" + product + "/1/")).contents()
                    .stream().map(o -> o.key()).toList();
            assertThat(keys).anyMatch(k -> k.endsWith("raw.json") || k.endsWith("raw.xml")).anyMatch(k -> k.endsWith("findings.json"))
                    .anyMatch(k -> k.endsWith("decision.json"));
        }
        assertThat(mail.text()).doesNotContain(result.taskToken().orElseThrow());

        List<JsonNode> announced = events.of(arn, 3, Duration.ofSeconds(30));
        assertThat(LifecycleEvents.detailTypes(announced)).as("what a rule on the default bus received")
                .containsExactly("Golden AMI Build Started", "Golden AMI Approved", "Golden AMI Registered");
        for (JsonNode event : announced) {
            assertThat(event.get("source").asText()).isEqualTo("gilder");
            assertThat(event.get("resources").toString()).contains(arn);
            assertThat(LifecycleEvents.problems(event.get("detail-type").asText(), event.get("detail"))).as(event.toString()).isEmpty();
            assertThat(event.at("/detail/product").asText()).isEqualTo(product);
            assertThat(event.at("/detail/parameterName").asText()).isEqualTo("/GoldenAMI/AmazonLinux-2023/" + product + "/1");
        }
        assertThat(announced.get(0).at("/detail/sourceAmiId").asText()).isEqualTo(sourceAmi);
        assertThat(announced.get(1).at("/detail/approver").asText()).isEqualTo("Jane Doe");
        assertThat(announced.get(2).at("/detail/imageId").asText()).isEqualTo(imageId);
    }

    @Test
    void twoApprovalsLandingAtOnceKeepTheActiveListExact() throws Exception {
        String first = unique("Twin"), second = unique("Twin");
        String firstArn = builds.start(name(), request(first, Map.of()));
        String firstLink = builds.awaitApprovalMail(firstArn, first, RUN).orElseThrow().link().orElseThrow();
        aws.qualys(QualysFake.Options.defaults());
        String secondArn = builds.start(name(), request(second, Map.of()));
        String secondLink = builds.awaitApprovalMail(secondArn, second, RUN).orElseThrow().link().orElseThrow();

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> builds.decide(firstLink, "APPROVED", "Ann", "first"));
            var b = pool.submit(() -> builds.decide(secondLink, "APPROVED", "Bob", "second"));
            assertThat(a.get().statusCode()).isEqualTo(200);
            assertThat(b.get().statusCode()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        String firstImage = Json.read(builds.await(firstArn, RUN).output()).at("/registered/imageId").asText();
        String secondImage = Json.read(builds.await(secondArn, RUN).output()).at("/registered/imageId").asText();

        List<String> latest = List.of(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","));
        assertThat(latest).containsOnlyOnce(firstImage, secondImage).doesNotHaveDuplicates();
    }

    /**
     * A second build of a version whose build is running is refused before anything is created. Two claims at the very
     * same moment rest on DynamoDB evaluating the claim's condition atomically with its write, which moto does not (two
     * requests racing through moto can both pass), so that race is BuildVersionClaimsTest's, not this one's.
     */
    @Test
    void aSecondBuildOfAVersionBeingBuiltIsRefusedBeforeAnythingIsCreated() {
        String product = unique("Racing");
        String first = builds.start(name(), request(product, Map.of()));
        String link = builds.awaitApprovalMail(first, product, RUN).orElseThrow().link().orElseThrow();
        AccountState before = AccountState.of(aws);

        Executions.Result refused = builds.await(builds.start(name(), request(product, Map.of())), RUN);

        assertThat(refused.error()).isEqualTo("io.gilder.error.VersionInProgressException");
        assertThat(refused.cause()).contains("is being built by execution " + first.substring(first.lastIndexOf(':') + 1));
        assertThat(refused.statesEntered()).as("refused before anything was created").containsExactly("Validate Build Request",
                "Claim Build Version");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
        builds.decide(link, "DENIED", "Sam Roe", "race test");
        assertThat(builds.await(first, RUN).error()).isEqualTo("Gilder.ImageDenied");

        String next = builds.start(name(), request(product, Map.of()));
        String nextLink = builds.awaitApprovalMail(next, product, RUN).flatMap(Inbox.Mail::link)
                .orElseThrow(() -> new AssertionError("the ended build's claim was not taken over"));
        builds.decide(nextLink, "DENIED", "Sam Roe", "race test");
        assertThat(builds.await(next, RUN).error()).isEqualTo("Gilder.ImageDenied");
    }

    @Test
    void aDeniedBuildIsDiscardedWithTheReason() {
        AccountState before = AccountState.of(aws);
        String product = unique("Denied");
        String arn = builds.start(name(), request(product, Map.of()));

        String link = builds.awaitApprovalMail(arn, product, RUN).orElseThrow().link().orElseThrow();
        builds.decide(link, "DENIED", "Sam Roe", "kernel too old");
        Executions.Result result = builds.await(arn, RUN);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Gilder.ImageDenied");
        assertThat(result.cause()).contains("Sam Roe").contains("kernel too old");
        assertThat(AccountState.of(aws).newSince(before)).as("nothing left").isEmpty();
        List<JsonNode> announced = events.of(arn, 2, Duration.ofSeconds(30));
        assertThat(LifecycleEvents.detailTypes(announced)).containsExactly("Golden AMI Build Started", "Golden AMI Build Failed");
        JsonNode failed = announced.get(1).get("detail");
        assertThat(LifecycleEvents.problems("Golden AMI Build Failed", failed)).as(failed.toString()).isEmpty();
        assertThat(failed.get("error").asText()).isEqualTo("Gilder.ImageDenied");
        assertThat(failed.get("cleanup").asText()).as("the candidate was discarded").isEqualTo("done");
        assertThat(aws.inbox().await(m -> m.text().contains(product) && m.text().contains("kernel too old"), Duration.ofSeconds(10)))
                .as("a notice says why").isPresent();
    }

    @Test
    void aScanOverThePolicyIsDeniedWithoutAskingAnyone() {
        aws.qualys(QualysFake.Options.defaults().withUrgentFinding());
        AccountState before = AccountState.of(aws);
        String product = unique("Vulnerable");
        Executions.Result result = builds.await(builds.start(name(), request(product, Map.of())), RUN);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Gilder.ScanPolicyFailed");
        assertThat(result.cause()).contains("severity 5");
        assertThat(result.statesEntered()).doesNotContain("Request Approval");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
    }

    @Test
    void anUnansweredApprovalExpiresAsADenial() {
        AccountState before = AccountState.of(aws);
        String product = unique("Forgotten");
        Executions.Result result = builds.await(builds.start(name(), request(product, Map.of("approvalTimeout", "PT3S"))), RUN);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Gilder.ApprovalExpired");
        assertThat(result.statesEntered()).contains("Request Approval", "Approval Expired", "Discard Candidate");
        assertThat(AccountState.of(aws).newSince(before)).isEmpty();
    }

    @Test
    void aFailingBuildCommandNamesItsExitCodeAndOutputAndLeavesNothing() {
        // moto reports every command as Success; the failure is played by WireMock over SSM's JSON protocol.
        aws.ssmAgent().failCommands(2, "E: Unable to locate package nginx-extras");
        try {
            AccountState before = AccountState.of(aws);
            Executions.Result result = builds.await(builds.start(name(), request(unique("Broken"), Map.of())), RUN);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("io.gilder.error.BuildCommandFailedException");
            assertThat(result.cause()).contains("package-update").contains("2").contains("Unable to locate package nginx-extras");
            assertThat(AccountState.of(aws).newSince(before)).isEmpty();
        } finally {
            aws.ssmAgent().succeedCommands();
        }
    }

    private Map<String, Object> request(String product, Map<String, Object> extra) {
        Map<String, Object> request = new LinkedHashMap<>(Map.of("sourceAmiId", sourceAmi, "productName", product,
                "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1", "instanceType", "t3.medium"));
        request.putAll(extra);
        return request;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new java.util.HashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    private static String unique(String product) {
        return product + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
    }

    private static String name() {
        return "build-" + UUID.randomUUID();
    }
}
