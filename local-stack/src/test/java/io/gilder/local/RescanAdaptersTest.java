package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.aws.Ec2ExecutionResources;
import io.gilder.aws.Ec2ImageCatalog;
import io.gilder.aws.Ec2InstanceFleet;
import io.gilder.aws.S3EvidenceStore;
import io.gilder.aws.SfnExecutions;
import io.gilder.aws.SnsNotifier;
import io.gilder.aws.SsmParameterRegistry;
import io.gilder.build.ImageRecord;
import io.gilder.instance.TaggedInstance;
import io.gilder.local.emulator.LocalNames;
import io.gilder.rescan.EvidenceIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The AWS calls the rescan handlers add, through the real adapters and SDK against the emulator, in the adapter
 * tests' own region: SSM GetParametersByPath over several pages, DescribeImages by filter (unknown ids absent, more
 * ids than one call takes), DescribeInstances by tags and states, TerminateInstances in a batch with an unknown id,
 * DescribeExecution of a known and an unknown execution, ListObjectsV2 by prefix, SNS Publish delivered to a queue.
 * Not covered here: DescribeInstances and ListObjectsV2 past one page (1,000 each; the loop follows NextToken as the
 * compliance inventory's does).
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RescanAdaptersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private Ec2Client ec2;
    private SsmClient ssm;
    private S3Client s3;
    private SfnClient sfn;
    private SnsClient sns;
    private SqsClient sqs;

    @BeforeAll
    void setUp(LocalStack aws) {
        ec2 = RegionalClients.client(aws, Ec2Client.builder());
        ssm = RegionalClients.client(aws, SsmClient.builder());
        s3 = RegionalClients.client(aws, S3Client.builder().forcePathStyle(true));
        sfn = RegionalClients.client(aws, SfnClient.builder());
        sns = RegionalClients.client(aws, SnsClient.builder());
        sqs = RegionalClients.client(aws, SqsClient.builder());
    }

    @AfterAll
    void close() {
        for (AutoCloseable c : List.<AutoCloseable>of(ec2, ssm, s3, sfn, sns, sqs)) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void everyParameterUnderAPathAtAnyDepthAcrossPages() {
        String root = "/GilderRescanTest-" + UUID.randomUUID().toString().substring(0, 8);
        IntStream.range(0, 23).forEach(i -> ssm.putParameter(r -> r.name(root + "/Os-" + (i % 3) + "/Product-1.0/" + i)
                .value("ami-" + i).type(ParameterType.STRING)));
        ssm.putParameter(r -> r.name(root + "/latest").value("ami-1,ami-2").type(ParameterType.STRING));
        ssm.putParameter(r -> r.name(root + "-sibling/latest").value("ami-x").type(ParameterType.STRING));

        Map<String, String> all = new SsmParameterRegistry(ssm).findAllUnder(root);

        assertThat(all).hasSize(24).containsEntry(root + "/Os-1/Product-1.0/22", "ami-22").containsEntry(root + "/latest", "ami-1,ami-2");
        assertThat(all.keySet()).allMatch(name -> name.startsWith(root + "/"));
        assertThat(new SsmParameterRegistry(ssm).findAllUnder(root + "/none")).isEmpty();
    }

    @Test
    void ownedImagesByFilterSkipUnknownIdsAndSpanSeveralCalls() {
        String tagged = register(Map.of("Product", "WebServer-1.2", "Team", "web"));
        String plain = register(Map.of());
        List<String> ids = new ArrayList<>();
        IntStream.range(0, 150).forEach(i -> ids.add(String.format("ami-%017x", 0xdead000L + i)));
        ids.add(75, tagged);
        ids.add(plain);

        List<ImageRecord> found = new Ec2ImageCatalog(ec2).ownedImages(ids);

        assertThat(found).extracting(ImageRecord::imageId).containsExactlyInAnyOrder(tagged, plain);
        ImageRecord image = found.stream().filter(i -> i.imageId().equals(tagged)).findFirst().orElseThrow();
        assertThat(image.state()).isEqualTo("available");
        assertThat(image.tags()).containsEntry("Product", "WebServer-1.2").containsEntry("Team", "web");
    }

    @Test
    void liveInstancesByTagsAndTheirTerminationInOneBatchPastAnUnknownId() {
        String run = "arn:aws:states:us-west-2:" + LocalNames.ACCOUNT + ":execution:gilder-rescan-golden-amis:" + UUID.randomUUID();
        Map<String, String> rescanTags = Map.of("continuous-assessment-instance", "true", "gilder:role", "rescan", "gilder:rescan-run", run);
        String a = launch(rescanTags);
        String b = launch(rescanTags);
        String otherRun = launch(Map.of("continuous-assessment-instance", "true", "gilder:role", "rescan", "gilder:rescan-run", run + "-x"));
        String notRescan = launch(Map.of("continuous-assessment-instance", "true", "gilder:rescan-run", run));
        Ec2InstanceFleet fleet = new Ec2InstanceFleet(ec2, null, null, null);

        List<TaggedInstance> live = new ArrayList<>();
        fleet.forEachLive(rescanTags, live::addAll);

        assertThat(live).extracting(TaggedInstance::instanceId).containsExactlyInAnyOrder(a, b);
        assertThat(live.get(0).tags()).containsEntry("gilder:rescan-run", run);
        assertThat(live.get(0).launchTime()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plusSeconds(60));

        List<String> asked = fleet.terminateAll(List.of(a, "i-0123456789abcdef0", b));

        assertThat(asked).containsExactly(a, b);
        assertThat(state(a)).isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        assertThat(state(b)).isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        assertThat(state(otherRun)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(state(notRescan)).isEqualTo(InstanceStateName.RUNNING);
        List<TaggedInstance> after = new ArrayList<>();
        fleet.forEachLive(rescanTags, after::addAll);
        assertThat(after).extracting(TaggedInstance::instanceId).doesNotContain(a, b);
        fleet.terminateAll(List.of(otherRun, notRescan));
    }

    /** The sweep of an aborted rescan run: its images' instances carry their child execution's id and the run's. */
    @Test
    void theLiveInstancesOfARescanRunAreFoundByTheRunWhateverChildLaunchedThem() {
        String run = "arn:aws:states:us-west-2:" + LocalNames.ACCOUNT + ":execution:gilder-rescan-golden-amis:" + UUID.randomUUID();
        String child = "arn:aws:states:us-west-2:" + LocalNames.ACCOUNT + ":execution:gilder-rescan-golden-amis/RescanImages:" + UUID.randomUUID();
        String ofChild = launch(Map.of("gilder:execution", child, "gilder:role", "rescan", "gilder:rescan-run", run));
        String ofRun = launch(Map.of("gilder:execution", run, "gilder:role", "test"));
        String ofOtherRun = launch(Map.of("gilder:execution", child + "-x", "gilder:role", "rescan", "gilder:rescan-run", run + "-x"));
        Ec2ExecutionResources resources = new Ec2ExecutionResources(ec2);

        assertThat(resources.liveInstances(run)).containsExactlyInAnyOrder(ofChild, ofRun);
        assertThat(resources.liveInstances(child)).containsExactly(ofChild);

        new Ec2InstanceFleet(ec2, null, null, null).terminateAll(List.of(ofChild, ofRun, ofOtherRun));
        assertThat(resources.liveInstances(run)).isEmpty();
    }

    @Test
    void anExecutionsStatusAndNothingForOneStepFunctionsDoesNotKnow() {
        String machine = sfn.createStateMachine(r -> r.name("rescan-adapters-" + UUID.randomUUID())
                .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}")
                .roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/RescanAdaptersTestRole")).stateMachineArn();
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).input("{}")).executionArn();
        SfnExecutions executions = new SfnExecutions(sfn);

        assertThat(executions.status(execution)).hasValueSatisfying(s -> assertThat(s).isIn("RUNNING", "SUCCEEDED"));
        assertThat(executions.status(machine.replace(":stateMachine:", ":execution:") + ":never-started")).isEmpty();
    }

    @Test
    void evidenceListedByPrefixWithWhenEachWasWritten() {
        String bucket = "gilder-rescan-adapters-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint("us-west-2")));
        S3EvidenceStore store = new S3EvidenceStore(s3, bucket);
        store.put("Os/P/7/ami-1/scan/scan-1/findings.json", "application/json", "{}".getBytes());
        store.put("Os/P/7/ami-1/scan/scan-2/findings.json", "application/json", "{}".getBytes());
        store.put("Os/P/7/ami-10/scan/scan-3/findings.json", "application/json", "{}".getBytes());
        s3.putObject(r -> r.bucket(bucket).key("rescans/last/ami-1.json"), RequestBody.fromString("{}"));

        List<EvidenceIndex.Entry> listed = store.list("Os/P/7/ami-1/scan/");

        assertThat(listed).extracting(EvidenceIndex.Entry::key)
                .containsExactly("Os/P/7/ami-1/scan/scan-1/findings.json", "Os/P/7/ami-1/scan/scan-2/findings.json");
        assertThat(listed).allSatisfy(e -> assertThat(e.lastModified()).isNotNull());
        assertThat(store.list("nothing/")).isEmpty();
        assertThat(store.get("rescans/last/ami-2.json")).isEmpty();
    }

    @Test
    void aPublishedSummaryArrivesWithItsSubjectBodyAndMessageId() throws Exception {
        String topic = sns.createTopic(r -> r.name("rescan-adapters-" + UUID.randomUUID())).topicArn();
        String queue = sqs.createQueue(r -> r.queueName("rescan-adapters-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        sns.subscribe(r -> r.topicArn(topic).protocol("sqs").endpoint(queueArn));
        String subject = "Gilder rescan 2026-11-23: 1 of 2 images scanned, 1 with new findings (worst 5)…" + "x".repeat(40);

        String messageId = new SnsNotifier(sns, topic).publish(subject, "ami-1 WebServer-1.2 AmazonLinux-2023 v7: 5:1\n");

        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(5)).messages();
        assertThat(messages).hasSize(1);
        JsonNode body = JSON.readTree(messages.get(0).body());
        assertThat(body.get("MessageId").asText()).isEqualTo(messageId);
        assertThat(body.get("Subject").asText()).hasSize(100).startsWith("Gilder rescan 2026-11-23: 1 of 2 images scanned")
                .matches("[\\x20-\\x7E]+");
        assertThat(body.get("Message").asText()).isEqualTo("ami-1 WebServer-1.2 AmazonLinux-2023 v7: 5:1\n");
    }

    private String register(Map<String, String> tags) {
        return LocalImages.registerTagged(ec2, "us-west-2a", "rescan-adapters-", tags);
    }

    private String launch(Map<String, String> tags) {
        return LocalImages.launchTagged(ec2, tags);
    }

    private InstanceStateName state(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream().flatMap(r -> r.instances().stream())
                .map(Instance::state).findFirst().orElseThrow().name();
    }
}
