package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
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
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The four image handlers in the real function.zip, invoked with the JSON the state machine sends
 * (so the Lambda boundary types, CDI wiring and settings are what is tested here).
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageHandlersTest {

    private LocalStack aws;
    private Ec2Client ec2;
    private SsmClient ssm;
    private String sourceImage;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        ec2 = RegionalClients.client(aws, Ec2Client.builder());
        ssm = RegionalClients.client(aws, SsmClient.builder());
        String topic;
        try (SnsClient sns = RegionalClients.client(aws, SnsClient.builder())) {
            topic = sns.createTopic(r -> r.name("gilder-image-handlers")).topicArn();
        }
        // The discard ends the build's pending approval requests: an approvals table shaped as the template's, in this region.
        String approvals = "gilder-image-handlers-approvals";
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo = RegionalClients.client(aws,
                software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder())) {
            if (!dynamo.listTables().tableNames().contains(approvals)) {
                dynamo.createTable(r -> r.tableName(approvals).billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(a -> a.attributeName("approvalKey").attributeType("S"),
                                a -> a.attributeName("executionArn").attributeType("S"))
                        .keySchema(k -> k.attributeName("approvalKey").keyType("HASH"))
                        .globalSecondaryIndexes(g -> g.indexName("byExecution").keySchema(k -> k.attributeName("executionArn").keyType("HASH"))
                                .projection(p -> p.projectionType("INCLUDE").nonKeyAttributes("status"))));
            }
        }
        for (String handler : List.of("create-candidate-image", "check-image", "register-golden-image", "discard-candidate")) {
            aws.functions().register(new FunctionSpec("Images-" + handler, "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
                    512, Duration.ofSeconds(30), Map.of("QUARKUS_LAMBDA_HANDLER", handler,
                            "AWS_REGION", RegionalClients.ADAPTER_TESTS.id(), "GILDER_STORAGE_NOTIFICATION_TOPIC_ARN", topic,
                            "GILDER_APPROVALS_TABLE", approvals)));
        }
        sourceImage = ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString())).findFirst().orElseThrow().imageId();
    }

    @AfterAll
    void close() {
        ec2.close();
        ssm.close();
    }

    @Test
    void aBuildIsCapturedCheckedAndRegisteredAndAnotherDiscarded() {
        String execution = "arn:aws:states:us-west-2:123456789012:execution:BuildGoldenAmi:" + UUID.randomUUID();
        String parameter = "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + Math.abs(execution.hashCode());
        Map<String, Object> request = Map.of("sourceAmiId", sourceImage, "product", Map.of("name", "WebServer", "version", "1.0"),
                "os", Map.of("name", "AmazonLinux", "version", "2023"), "buildVersion", "1", "instanceType", "t3.micro",
                "includePackages", List.of(), "excludePackages", List.of(), "scanner", "none", "approvalTimeoutSeconds", 259200,
                "parameterName", parameter);

        JsonNode candidate = invoke("create-candidate-image", Map.of("executionArn", execution, "instanceId", stoppedBuilder(execution),
                "request", request, "sourceImage", Map.of("imageId", sourceImage, "state", "available")));
        String imageId = candidate.get("imageId").asText();
        assertThat(candidate.get("imageName").asText()).startsWith("gilder/AmazonLinux-2023/WebServer-1.0/1/");

        JsonNode check = invoke("check-image", Map.of("executionArn", execution, "imageId", imageId, "request", request, "attempt", 0));
        assertThat(check.get("done").asBoolean()).isTrue();
        assertThat(check.get("attempt").asInt()).isEqualTo(1);
        assertThat(check.get("snapshotIds")).isNotEmpty();

        JsonNode registered = invoke("register-golden-image", Map.of("executionArn", execution, "imageId", imageId, "request", request,
                "scan", Map.of("scanner", "none", "scanRef", "scan/7", "total", 0),
                "approval", Map.of("decision", "APPROVED", "approver", "jane", "comment", "ok", "decidedAt", "2025-05-01T10:00:00Z")));
        assertThat(registered.get("parameterName").asText()).isEqualTo(parameter);
        assertThat(registered.get("latest").toString()).contains(imageId);
        assertThat(ssm.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(imageId);

        String denied = "arn:aws:states:us-west-2:123456789012:execution:BuildGoldenAmi:" + UUID.randomUUID();
        String deniedImage = invoke("create-candidate-image", Map.of("executionArn", denied, "instanceId", stoppedBuilder(denied),
                "request", request, "sourceImage", Map.of("imageId", sourceImage))).get("imageId").asText();
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("Error", "Gilder.ImageDenied");
        failure.put("Cause", "Denied by bob at 2025-05-01T11:00:00Z: kernel too old");
        JsonNode discarded = invoke("discard-candidate", Map.of("executionArn", denied, "request", request, "failure", failure));
        assertThat(discarded.get("deletedImages").toString()).contains(deniedImage);
        assertThat(discarded.get("terminatedInstances")).hasSize(1);

        assertThat(ssm.getParameter(r -> r.name(parameter)).parameter().value()).as("another build's parameter stays").isEqualTo(imageId);

        // Had anything failed after registration, the discard would undo all of it.
        JsonNode undone = invoke("discard-candidate", Map.of("executionArn", execution, "request", request, "failure", failure));
        assertThat(undone.get("deletedImages").toString()).contains(imageId);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name(parameter))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(latestIds()).doesNotContain(imageId);
    }

    private JsonNode invoke(String handler, Object payload) {
        Invocation result = aws.functions().invoke("Images-" + handler, Json.write(payload).getBytes(StandardCharsets.UTF_8));
        assertThat(result.error()).as(result.payloadText()).isFalse();
        return Json.read(result.payloadText());
    }

    /** The ids on /GoldenAMI/latest; none when the list does not exist. */
    private List<String> latestIds() {
        try {
            return List.of(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","));
        } catch (ParameterNotFoundException e) {
            return List.of();
        }
    }

    private String stoppedBuilder(String execution) {
        String id = ec2.runInstances(r -> r.imageId(sourceImage).instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag -> tag.key("gilder:execution").value(execution))))
                .instances().get(0).instanceId();
        ec2.stopInstances(r -> r.instanceIds(id));
        return id;
    }
}
