package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.AwsCallFailedException;
import io.gilder.start.VersionClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Version claims in the approvals table under {@code claim#<parameter name>}, written only conditionally: the holder
 * ({@code executionArn}) and every execution that held it ({@code holders}).
 */
@ApplicationScoped
public class DynamoVersionClaims implements VersionClaims {

    static final String PREFIX = "claim#";
    /** Every execution that held the claim, a string set (claims written before it existed have none). */
    static final String HOLDERS = "holders";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    DynamoVersionClaims(DynamoDbClient dynamo, GilderConfig config) {
        this(dynamo, config.approvals().table().orElse(null));
    }

    public DynamoVersionClaims(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<String> holder(String version) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + version)))));
        AttributeValue holder = response.hasItem() ? response.item().get("executionArn") : null;
        return holder == null ? Optional.empty() : Optional.of(holder.s());
    }

    @Override
    public boolean claim(String version, String executionArn, String previousHolder) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":execution", AttributeValue.fromS(executionArn));
        String condition;
        if (previousHolder == null) {
            condition = "attribute_not_exists(" + DynamoApprovalStore.KEY + ")";
            values.put(":executions", AttributeValue.fromSs(List.of(executionArn)));
        } else {
            condition = "executionArn = :previous";
            values.put(":previous", AttributeValue.fromS(previousHolder));
            // The previous holder too: a claim written before the set existed has only executionArn.
            values.put(":executions", AttributeValue.fromSs(previousHolder.equals(executionArn) ? List.of(executionArn)
                    : List.of(executionArn, previousHolder)));
        }
        try {
            // Every holder is kept in the set (a version is built a few times at most): a build taken over keeps its proof.
            AwsCall.run("DynamoDB UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table())
                    .key(Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + version)))
                    .updateExpression("SET executionArn = :execution ADD " + HOLDERS + " :executions")
                    .conditionExpression(condition).expressionAttributeValues(values)));
            return true;
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean everHeldBy(String version, String executionArn) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + version)))));
        if (!response.hasItem()) {
            return false;
        }
        AttributeValue holder = response.item().get("executionArn");
        AttributeValue holders = response.item().get(HOLDERS);
        return (holder != null && executionArn.equals(holder.s())) || (holders != null && holders.ss().contains(executionArn));
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
        }
        return table;
    }
}
