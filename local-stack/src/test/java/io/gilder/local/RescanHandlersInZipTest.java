package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The five rescan handlers in the real function.zip, invoked with the JSON the rescan state machine sends and each
 * fed the previous one's output (Lambda boundary types, CDI wiring, settings from the environment), in a region of
 * their own so that {@code /GoldenAMI/latest} is theirs alone. The scan itself is not run: its findings are stored
 * as collect-findings stores them.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RescanHandlersInZipTest {

    static final Region REGION = Region.CA_CENTRAL_1;
    static final String RUN = "arn:aws:states:ca-central-1:" + LocalNames.ACCOUNT + ":execution:gilder-rescan-golden-amis:run-"
            + UUID.randomUUID().toString().substring(0, 8);

    private LocalStack aws;
    private Ec2Client ec2;
    private SsmClient ssm;
    private S3Client s3;
    private SqsClient sqs;
    private String bucket;
    private String queue;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        ec2 = RegionalClients.client(aws, Ec2Client.builder(), REGION);
        ssm = RegionalClients.client(aws, SsmClient.builder(), REGION);
        s3 = RegionalClients.client(aws, S3Client.builder().forcePathStyle(true), REGION);
        sqs = RegionalClients.client(aws, SqsClient.builder(), REGION);
        bucket = "gilder-rescan-zip-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(REGION.id())));
        String topic;
        try (SnsClient sns = RegionalClients.client(aws, SnsClient.builder(), REGION)) {
            topic = sns.createTopic(r -> r.name("gilder-rescan-zip")).topicArn();
            queue = sqs.createQueue(r -> r.queueName("gilder-rescan-zip-" + UUID.randomUUID())).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("QueueArn")).attributesAsStrings()
                    .get("QueueArn");
            sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        }
        for (String handler : List.of("list-active-golden-images", "sweep-rescan-instances", "compare-with-last-scan",
                "write-rescan-report", "notify-rescan-summary")) {
            aws.functions().register(new FunctionSpec("Rescan-" + handler, "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
                    512, Duration.ofSeconds(30), Map.of("QUARKUS_LAMBDA_HANDLER", handler, "AWS_REGION", REGION.id(),
                            "GILDER_STORAGE_EVIDENCE_BUCKET", bucket, "GILDER_STORAGE_NOTIFICATION_TOPIC_ARN", topic,
                            "GILDER_DEFAULTS_MAX_SEVERITY", "3", "GILDER_DEFAULTS_FINDING_EXCEPTIONS",
                            "[{\"id\": \"ignored-1\", \"expires\": \"2099-12-31\", \"reason\": \"accepted by the test\"}]")));
        }
    }

    @AfterAll
    void close() {
        ec2.close();
        ssm.close();
        s3.close();
        sqs.close();
    }

    @Test
    void listCompareReportAndNotifyChainedAsTheStateMachineWillAndTheSweepEndsAnOrphan() throws Exception {
        String image = register(Map.of("OS", "Rhel-9", "Team", "ops"));
        String parameter = "/GoldenAMI/Rhel-9/App-1.0/4";
        ssm.putParameter(r -> r.name(parameter).value(image).type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("/GoldenAMI/Rhel-9/App-1.0/3").value("ami-0retired000000000").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name("/GoldenAMI/latest").value(image + ",ami-0gone00000000000").type(ParameterType.STRING).overwrite(true));

        JsonNode listing = invoke("list-active-golden-images", Map.of("trigger", "schedule"));

        assertThat(listing.get("count").asInt()).isEqualTo(1);
        JsonNode item = listing.get("images").get(0);
        assertThat(item.get("imageId").asText()).isEqualTo(image);
        assertThat(item.get("region").asText()).isEqualTo(REGION.id());
        assertThat(item.get("parameterName").asText()).isEqualTo(parameter);
        assertThat(item.get("tags").get("Team").asText()).isEqualTo("ops");
        assertThat(listing.get("inactive").asInt()).isEqualTo(1);
        assertThat(listing.get("missing").get(0).get("imageId").asText()).isEqualTo("ami-0gone00000000000");

        String prefix = "Rhel-9/App-1.0/4/" + image + "/scan/";
        findings(prefix + "scan-build/findings.json", finding("q1", 2, 443));
        findings(prefix + "scan-r1/findings.json", finding("q1", 2, 443), finding("q2", 4, 22), finding("ignored-1", 5, null));
        Map<String, Object> subject = new LinkedHashMap<>(Map.of("imageId", image, "role", "rescan", "os", "Rhel-9", "product", "App-1.0",
                "version", "4", "instanceType", "t3.micro", "scanner", "qualys"));
        subject.put("tags", Map.of("continuous-assessment-instance", "true", "gilder:rescan-run", RUN));
        Map<String, Object> scan = Map.of("scanner", "qualys", "scanRef", "scan/r1", "total", 3, "highestSeverity", 5,
                "bySeverity", Map.of("1", 0, "2", 1, "3", 0, "4", 1, "5", 1),
                "evidence", Map.of("raw", "s3://" + bucket + "/" + prefix + "scan-r1/raw.json", "findings", "s3://" + bucket + "/" + prefix
                        + "scan-r1/findings.json"));

        JsonNode compared = invoke("compare-with-last-scan", Map.of("subject", subject, "scan", scan, "run", RUN));

        assertThat(compared.get("status").asText()).isEqualTo("SCANNED");
        assertThat(compared.get("baseline").asText()).isEqualTo("build");
        assertThat(compared.get("new").get("total").asInt()).isEqualTo(2);
        assertThat(compared.get("new").get("ids").get(0).asText()).isEqualTo("ignored-1");
        assertThat(compared.get("policy").get("passed").asBoolean()).as("q2 is above 3; ignored-1 is ignored").isFalse();
        assertThat(compared.get("policy").get("reason").asText()).contains("q2").doesNotContain("ignored-1 severity");
        assertThat(Json.read(s3.getObjectAsBytes(r -> r.bucket(bucket).key("rescans/last/" + image + ".json")).asUtf8String())
                .get("key").asText()).isEqualTo(prefix + "scan-r1/findings.json");

        String orphan = launch(Map.of("continuous-assessment-instance", "true", "gilder:role", "rescan", "gilder:rescan-run",
                RUN.replace(":run-", ":ended-")));
        JsonNode sweep = invoke("sweep-rescan-instances", Map.of("olderThanMinutes", 0));
        assertThat(sweep.get("terminated").toString()).contains(orphan);
        assertThat(ec2.describeInstances(r -> r.instanceIds(orphan)).reservations().get(0).instances().get(0).state().name())
                .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);

        Map<String, Object> notScanned = Map.of("status", "NOT_SCANNED", "imageId", "ami-0other0000000000", "error",
                "io.gilder.error.WaitTimedOutException", "cause", "{\"errorMessage\":\"scan did not finish\"}");
        JsonNode report = invoke("write-rescan-report", Map.of("run", RUN, "startedAt", "2026-11-23T06:00:00.000Z", "listing", listing,
                "results", List.of(compared, notScanned), "sweep", sweep));

        String folder = "rescans/2026/11/23/" + RUN.substring(RUN.lastIndexOf(':') + 1) + "/";
        assertThat(report.get("report").asText()).isEqualTo("s3://" + bucket + "/" + folder + "report.json");
        assertThat(report.get("images").asInt()).isEqualTo(3);
        assertThat(report.get("scanned").asInt()).isEqualTo(1);
        assertThat(report.get("notScanned").asInt()).isEqualTo(2);
        assertThat(report.get("failingPolicy").asInt()).isEqualTo(1);
        assertThat(report.get("subject").asText()).hasSizeLessThanOrEqualTo(100);
        String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(folder + "report.txt")).asUtf8String();
        assertThat(text).contains(image + " App-1.0 Rhel-9 v4: 5:1 4:1 3:0 2:1 1:0; new 2").contains("policy FAIL")
                .contains("ami-0gone00000000000 unregistered: NOT SCANNED: missing: not found");

        Map<String, Object> notify = new LinkedHashMap<>(Json.MAPPER.convertValue(report, Map.class));
        notify.put("run", RUN);
        JsonNode sent = invoke("notify-rescan-summary", notify);

        List<Message> mail = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages();
        assertThat(mail).hasSize(1);
        JsonNode body = Json.read(mail.get(0).body());
        assertThat(body.get("MessageId").asText()).isEqualTo(sent.get("messageId").asText());
        assertThat(body.get("Subject").asText()).isEqualTo(report.get("subject").asText());
        assertThat(body.get("Message").asText()).isEqualTo(text);
    }

    private static Map<String, Object> finding(String id, int severity, Integer port) {
        Map<String, Object> f = new LinkedHashMap<>(Map.of("id", id, "severity", severity, "title", "t " + id, "cves", List.of()));
        f.put("port", port);
        f.put("protocol", port == null ? null : "tcp");
        return f;
    }

    @SafeVarargs
    private void findings(String key, Map<String, Object>... findings) {
        String body = Json.write(Map.of("scanner", "qualys", "scanRef", "x", "imageId", "x", "findings", List.of(findings)));
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    private JsonNode invoke(String handler, Object payload) {
        Invocation result = aws.functions().invoke("Rescan-" + handler, Json.write(payload).getBytes(StandardCharsets.UTF_8));
        assertThat(result.error()).as(result.payloadText()).isFalse();
        return Json.read(result.payloadText());
    }

    private String register(Map<String, String> tags) {
        return LocalImages.registerTagged(ec2, REGION.id() + "a", "rescan-zip-", tags);
    }

    private String launch(Map<String, String> tags) {
        return LocalImages.launchTagged(ec2, tags);
    }
}
