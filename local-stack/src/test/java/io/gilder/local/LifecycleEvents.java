package io.gilder.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.gilder.local.emulator.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Gilder's lifecycle events as an integrating tool receives them: a rule on the local default event bus
 * ({@code source: gilder}) delivers them to a queue this class reads, and every event is checked against its published
 * schema ({@code docs/events/}, JSON Schema draft 2020-12).
 */
public final class LifecycleEvents implements AutoCloseable {

    private static final Path SCHEMAS = LocalAws.root().resolve("docs/events");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();

    private LifecycleEvents(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Subscribes a new queue to every {@code source: gilder} event on the pipeline account's default bus. */
    public static LifecycleEvents subscribe(LocalStack aws) {
        String name = "gilder-events-" + UUID.randomUUID().toString().substring(0, 8);
        SqsClient sqs = aws.client(SqsClient.builder());
        String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = aws.client(EventBridgeClient.builder())) {
            events.putRule(r -> r.name(name).eventPattern("{\"source\":[\"gilder\"]}"));
            events.putTargets(r -> r.rule(name).targets(t -> t.id("queue").arn(arn)));
        }
        return new LifecycleEvents(sqs, url);
    }

    /**
     * The events an execution put, in the order received, once {@code expected} of them arrived (or the time is up: then
     * fewer). Each is the envelope a rule's target receives ({@code source}, {@code detail-type}, {@code detail}, ...).
     */
    public List<JsonNode> of(String executionArn, int expected, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        List<JsonNode> mine;
        do {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                received.add(Json.read(m.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            mine = received.stream().filter(e -> executionArn.equals(e.at("/detail/executionArn").asText())).toList();
        } while (mine.size() < expected && Instant.now().isBefore(end));
        return mine;
    }

    /** The detail-types of {@code events}, in order. */
    public static List<String> detailTypes(List<JsonNode> events) {
        return events.stream().map(e -> e.get("detail-type").asText()).toList();
    }

    /** What is wrong with {@code detail} for an event of {@code detailType} (empty: it matches its schema). */
    public static List<String> problems(String detailType, JsonNode detail) {
        JsonNode schema = schemasByDetailType().get(detailType);
        if (schema == null) {
            return List.of("no schema in docs/events/ is titled " + detailType);
        }
        JsonSchema validator = FACTORY.getSchema(schema, CONFIG);
        return validator.validate(detail).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The schemas of docs/events/, by their title (the event's detail-type). */
    public static Map<String, JsonNode> schemasByDetailType() {
        Map<String, JsonNode> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode schema = Json.read(Files.readString(file));
                schemas.put(schema.get("title").asText(), schema);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
