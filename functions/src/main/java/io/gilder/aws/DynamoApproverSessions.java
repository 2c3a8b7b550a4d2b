package io.gilder.aws;

import io.gilder.approval.Approver;
import io.gilder.approval.ApproverSessions;
import io.gilder.approval.ApproverSignIn;
import io.gilder.config.GilderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Sign-ins in progress and approver sessions in the approvals table, beside the approvals: under the keys
 * {@code signin#<SHA-256 of the state>} and {@code session#<SHA-256 of the session cookie>}, which no approval key (a bare
 * hash) can equal. Only hashes name them, so the table holds nothing a browser could present. {@code purgeAt}, the
 * table's TTL attribute, removes them a day after they expire; until then the expiry is checked on every read.
 */
@ApplicationScoped
public class DynamoApproverSessions implements ApproverSessions {

    static final String ATTEMPT_PREFIX = "signin#";
    static final String SESSION_PREFIX = "session#";
    private static final long PURGE_AFTER_SECONDS = 86_400;

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    DynamoApproverSessions(DynamoDbClient dynamo, GilderConfig config) {
        this(dynamo, config.approvals().table().orElse(null));
    }

    public DynamoApproverSessions(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void keepAttempt(ApproverSignIn.Attempt attempt, Instant expiresAt) {
        Map<String, AttributeValue> item = item(ATTEMPT_PREFIX + hash(attempt.state()), expiresAt);
        item.put("nonce", AttributeValue.fromS(attempt.nonce()));
        item.put("codeVerifier", AttributeValue.fromS(attempt.codeVerifier()));
        item.put("redirectUri", AttributeValue.fromS(attempt.redirectUri()));
        put(item);
    }

    @Override
    public Optional<ApproverSignIn.Attempt> takeAttempt(String state, Instant now) {
        // Deleted as it is read: whoever deletes it holds the only copy, so one return per sign-in.
        var response = AwsCall.run("DynamoDB DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table())
                .key(Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(ATTEMPT_PREFIX + hash(state)))).returnValues(ReturnValue.ALL_OLD)));
        Map<String, AttributeValue> item = response.attributes();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(new ApproverSignIn.Attempt("", state, s(item, "nonce"), s(item, "codeVerifier"), s(item, "redirectUri")));
    }

    @Override
    public void open(String sessionId, Session session) {
        Map<String, AttributeValue> item = item(SESSION_PREFIX + hash(sessionId), session.expiresAt());
        item.put("subject", AttributeValue.fromS(session.approver().subject()));
        item.put("issuer", AttributeValue.fromS(session.approver().issuer()));
        if (session.approver().email() != null) {
            item.put("email", AttributeValue.fromS(session.approver().email()));
        }
        item.put("csrfToken", AttributeValue.fromS(session.csrfToken()));
        put(item);
    }

    @Override
    public Optional<Session> find(String sessionId, Instant now) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(Map.of(DynamoApprovalStore.KEY, AttributeValue.fromS(SESSION_PREFIX + hash(sessionId))))));
        Map<String, AttributeValue> item = response.item();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(new Session(new Approver(s(item, "subject"), s(item, "email"), s(item, "issuer")), s(item, "csrfToken"),
                Instant.ofEpochMilli(Long.parseLong(item.get("expiresAt").n()))));
    }

    private static Map<String, AttributeValue> item(String key, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DynamoApprovalStore.KEY, AttributeValue.fromS(key));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())));
        item.put("purgeAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond() + PURGE_AFTER_SECONDS)));
        return item;
    }

    private void put(Map<String, AttributeValue> item) {
        AwsCall.run("DynamoDB PutItem", () -> dynamo.putItem(r -> r.tableName(table()).item(item)
                .conditionExpression("attribute_not_exists(" + DynamoApprovalStore.KEY + ")")));
    }

    private static boolean expired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expires = item.get("expiresAt");
        return expires == null || !now.isBefore(Instant.ofEpochMilli(Long.parseLong(expires.n())));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** SHA-256, URL-safe base64: the values hashed are 256-bit random tokens, so a fast hash is enough. */
    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
        }
        return table;
    }
}
