package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.AwsCallFailedException;
import io.gilder.start.VersionClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Version claims in the approvals table under {@code claim#<parameter name>}, written only conditionally. */
@ApplicationScoped
public class DynamoVersionClaims implements VersionClaims {

    static final String PREFIX = "claim#";

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
        String condition;
        if (previousHolder == null) {
            condition = "attribute_not_exists(" + DynamoApprovalStore.KEY + ")";
        } else {
            condition = "executionArn = :previous";
            values.put(":previous", AttributeValue.fromS(previousHolder));
        }
        Map<String, AttributeValue> item = Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + version),
                "executionArn", AttributeValue.fromS(executionArn));
        try {
            AwsCall.run("DynamoDB PutItem", () -> dynamo.putItem(r -> {
                r.tableName(table()).item(item).conditionExpression(condition);
                if (!values.isEmpty()) {
                    r.expressionAttributeValues(values);
                }
            }));
            return true;
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
        }
        return table;
    }
}
