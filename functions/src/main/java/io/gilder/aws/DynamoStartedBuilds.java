package io.gilder.aws;

import io.gilder.approval.BuildStarters;
import io.gilder.config.GilderConfig;
import io.gilder.start.StartedBuilds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Build starters in the approvals table, beside the approvals, under {@code build#<SHA-256 of the execution ARN>}; kept
 * 90 days (past the longest approval wait) and then purged by the table's TTL.
 */
@ApplicationScoped
public class DynamoStartedBuilds implements StartedBuilds, BuildStarters {

    static final String PREFIX = "build#";
    static final Duration KEEP = Duration.ofDays(90);

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    DynamoStartedBuilds(DynamoDbClient dynamo, GilderConfig config) {
        this(dynamo, config.approvals().table().orElse(null));
    }

    public DynamoStartedBuilds(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void record(String executionArn, String startedBy, Instant at) {
        Map<String, AttributeValue> item = Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + DynamoApproverSessions.hash(executionArn)),
                "startedBy", AttributeValue.fromS(startedBy), "startedAt", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                "purgeAt", AttributeValue.fromN(Long.toString(at.plus(KEEP).getEpochSecond())));
        // Never overwritten: whoever started an execution of this name first is its starter.
        AwsCall.run("DynamoDB PutItem", () -> dynamo.putItem(r -> r.tableName(table()).item(item)
                .conditionExpression("attribute_not_exists(" + DynamoApprovalStore.KEY + ")")));
    }

    @Override
    public Optional<String> startedBy(String executionArn) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + DynamoApproverSessions.hash(executionArn))))));
        AttributeValue by = response.hasItem() ? response.item().get("startedBy") : null;
        return by == null ? Optional.empty() : Optional.of(by.s());
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
        }
        return table;
    }
}
