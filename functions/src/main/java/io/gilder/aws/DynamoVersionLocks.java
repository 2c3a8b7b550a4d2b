package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.AwsCallFailedException;
import io.gilder.lock.VersionLock;
import io.gilder.lock.VersionLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Version locks in the approvals table under {@code lock#<parameter name>}: {@code executionArn} (the owner),
 * {@code expiresAt} (ISO-8601) and {@code purgeAt} (the table's TTL, a day after expiry, so lapsed locks do not pile
 * up). Taken with one conditional PutItem and released with one conditional DeleteItem: DynamoDB evaluates each
 * condition and the write atomically, so two contenders can never both hold a lock.
 */
@ApplicationScoped
public class DynamoVersionLocks implements VersionLocks {

    static final String PREFIX = "lock#";
    private static final Duration PURGE_AFTER = Duration.ofDays(1);

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    DynamoVersionLocks(DynamoDbClient dynamo, GilderConfig config) {
        this(dynamo, config.approvals().table().orElse(null));
    }

    public DynamoVersionLocks(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<VersionLock> read(String version) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(key(version))));
        if (!response.hasItem() || response.item().get("executionArn") == null) {
            return Optional.empty();
        }
        AttributeValue expires = response.item().get("expiresAt");
        // An item without a readable expiry is treated as lapsed: it never blocks the version forever.
        Instant expiresAt = Instant.EPOCH;
        try {
            expiresAt = expires == null ? Instant.EPOCH : Instant.parse(expires.s());
        } catch (RuntimeException e) {
            // keeps EPOCH
        }
        return Optional.of(new VersionLock(version, response.item().get("executionArn").s(), expiresAt));
    }

    @Override
    public boolean take(VersionLock lock, VersionLock previous) {
        Map<String, AttributeValue> item = new HashMap<>(key(lock.version()));
        item.put("executionArn", AttributeValue.fromS(lock.owner()));
        item.put("expiresAt", AttributeValue.fromS(lock.expiresAt().toString()));
        item.put("purgeAt", AttributeValue.fromN(Long.toString(lock.expiresAt().plus(PURGE_AFTER).getEpochSecond())));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (previous == null) {
            condition = "attribute_not_exists(" + DynamoApprovalStore.KEY + ")";
        } else {
            condition = "executionArn = :previous AND (expiresAt = :previousExpiry OR attribute_not_exists(expiresAt))";
            values.put(":previous", AttributeValue.fromS(previous.owner()));
            values.put(":previousExpiry", AttributeValue.fromS(previous.expiresAt().toString()));
        }
        return conditionally("DynamoDB PutItem", () -> dynamo.putItem(r -> {
            r.tableName(table()).item(item).conditionExpression(condition);
            if (!values.isEmpty()) {
                r.expressionAttributeValues(values);
            }
        }));
    }

    @Override
    public boolean release(String version, String owner) {
        return conditionally("DynamoDB DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table()).key(key(version))
                .conditionExpression("executionArn = :owner").expressionAttributeValues(Map.of(":owner", AttributeValue.fromS(owner)))));
    }

    /** Runs a conditional write: true when it was applied, false when its condition failed. */
    private static boolean conditionally(String operation, Runnable write) {
        try {
            AwsCall.run(operation, () -> {
                write.run();
                return null;
            });
            return true;
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> key(String version) {
        return Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(PREFIX + version));
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
        }
        return table;
    }
}
