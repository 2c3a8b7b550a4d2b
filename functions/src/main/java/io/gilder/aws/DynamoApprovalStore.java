package io.gilder.aws;

import io.gilder.approval.Approval;
import io.gilder.approval.ApprovalDecision.Refusal;
import io.gilder.approval.ApprovalDecision;
import io.gilder.approval.ApprovalIds;
import io.gilder.approval.ApprovalStatus;
import io.gilder.approval.ApprovalStore;
import io.gilder.approval.ReviewSheet;
import io.gilder.build.cleanup.PendingApprovals;
import io.gilder.config.GilderConfig;
import io.gilder.error.AwsCallFailedException;
import io.gilder.registry.NamedVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Approvals in a DynamoDB table keyed by {@code approvalKey}, the SHA-256 of the approval id
 * ({@link io.gilder.approval.ApprovalIds#key}): the id, the only secret of an approval link, is stored nowhere. Instants are epoch milliseconds, so
 * the decide condition compares numbers; {@code purgeAt} (epoch seconds, the table's TTL
 * attribute) lets DynamoDB delete an item some days after it expired. The task token is the
 * attribute {@code taskToken}, which {@link #find} never reads. The index {@value #BY_EXECUTION} (partition key
 * {@code executionArn}, projecting {@code status}) finds a build's requests when the build ends: an ended request
 * ({@link ApprovalStatus#ENDED}) keeps its record, with the end time as {@code decidedAt}, and loses its token.
 */
@ApplicationScoped
public class DynamoApprovalStore implements ApprovalStore, PendingApprovals {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static final String TOKEN = "taskToken";
    /** The index finding an execution's approvals (keys and status only): {@link #endPendingOf}. */
    static final String BY_EXECUTION = "byExecution";
    /** The partition key: the approval id's hash. */
    static final String KEY = "approvalKey";
    /** Every attribute but the token: what {@link #find} reads. */
    private static final List<String> READABLE = List.of("executionArn", "imageId", "productName",
            "productVersion", "osName", "osVersion", "buildVersion", "sourceImageId", "findings", "highestSeverity",
            "findingsTotal", "scanner", "evidenceLink", "policyPassed", "policyReason", "createdAt", "expiresAt", "status",
            "decidedBy", "comment", "decidedAt", "review", "requiredApprovals", "approvedBy");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    /** How long a decided or expired approval stays readable (its page still explains) before TTL purges it. */
    static final Duration RETENTION = Duration.ofDays(30);

    @Inject
    DynamoApprovalStore(DynamoDbClient dynamo, GilderConfig config) {
        this(dynamo, config.approvals().table().orElse(null), RETENTION);
    }

    /**
     * @param table     table name, {@code null} when not configured (every call then fails naming the setting)
     * @param retention how long after expiry an item is kept before DynamoDB's TTL purges it
     */
    public DynamoApprovalStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void create(Approval approval, String taskToken) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, KEY, ApprovalIds.key(approval.approvalId()));
        put(item, "executionArn", approval.executionArn());
        put(item, "imageId", approval.imageId());
        put(item, "productName", approval.product().name());
        put(item, "productVersion", approval.product().version());
        put(item, "osName", approval.os().name());
        put(item, "osVersion", approval.os().version());
        put(item, "buildVersion", approval.buildVersion());
        put(item, "sourceImageId", approval.sourceImageId());
        item.put("findings", AttributeValue.fromM(approval.findings().bySeverity().entrySet().stream()
                .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), e -> number(e.getValue())))));
        item.put("highestSeverity", number(approval.findings().highestSeverity()));
        item.put("findingsTotal", number(approval.findings().total()));
        put(item, "scanner", approval.findings().scanner());
        put(item, "evidenceLink", approval.evidenceLink());
        item.put("policyPassed", AttributeValue.fromBool(approval.policy().passed()));
        put(item, "policyReason", approval.policy().reason());
        item.put("createdAt", number(approval.createdAt().toEpochMilli()));
        item.put("expiresAt", number(approval.expiresAt().toEpochMilli()));
        item.put("purgeAt", number(approval.expiresAt().plus(retention).getEpochSecond()));
        put(item, "status", approval.status().name());
        put(item, "review", approval.review() == null ? null : reviewJson(approval.review()));
        item.put("requiredApprovals", number(approval.requiredApprovals()));
        put(item, TOKEN, taskToken);
        try {
            AwsCall.run("DynamoDB PutItem", () -> dynamo.putItem(r -> r.tableName(table()).item(item)
                    .conditionExpression("attribute_not_exists(" + KEY + ")")));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                // The SDK retried a put whose answer was lost: the item is this very request (same token), so it is created.
                var existing = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                        .key(key(approval.approvalId())).projectionExpression(TOKEN + ", executionArn")));
                Map<String, AttributeValue> found = existing.hasItem() ? existing.item() : Map.of();
                if (found.containsKey(TOKEN) && taskToken.equals(found.get(TOKEN).s())
                        && approval.executionArn().equals(found.get("executionArn") == null ? null : found.get("executionArn").s())) {
                    return;
                }
                throw new IllegalStateException("An approval with this id already exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Approval> find(String approvalId) {
        Map<String, String> names = READABLE.stream().collect(Collectors.toMap(n -> "#" + n, n -> n));
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(key(approvalId)).projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(approval(approvalId, response.item())) : Optional.empty();
    }

    /** How often a vote is retried after another vote changed the approval between its read and its write. */
    static final int VOTE_ATTEMPTS = 8;

    @Override
    public Decided decide(String approvalId, ApprovalDecision.Vote vote, String voter, Instant at) {
        for (int attempt = 0; attempt < VOTE_ATTEMPTS; attempt++) {
            Optional<Approval> current = find(approvalId);
            Optional<Refusal> refusal = ApprovalDecision.refusalAt(current, at);
            if (refusal.isPresent()) {
                Optional<String> own = refusal.get() == Refusal.ALREADY_DECIDED && current.get().status() == vote.decision()
                        ? tokenIfDecidedBy(approvalId, voter) : Optional.empty();
                // This voter's own decision: a retried write whose first answer was lost, or the same decision sent again.
                return own.<Decided>map(token -> new Won(token, current.get())).orElseGet(() -> new Lost(refusal.get()));
            }
            Approval approval = current.get();
            if (vote.decision() == ApprovalStatus.APPROVED && voters(approvalId).contains(voter)) {
                return new Lost(Refusal.ALREADY_VOTED);
            }
            boolean decides = vote.decision() == ApprovalStatus.DENIED || approval.approvalsMissing() <= 1;
            Optional<Decided> written = decides ? decideNow(approvalId, approval, vote, voter, at) : count(approvalId, approval, vote, voter, at);
            if (written.isPresent()) {
                return written.get();
            }
            // Another vote came between the read and the write (or the approval expired, was decided): read again.
        }
        throw new io.gilder.error.AwsTransientException("DynamoDB UpdateItem: " + VOTE_ATTEMPTS + " votes on approval "
                + ApprovalIds.reference(approvalId) + " raced this one; try again", null);
    }

    /**
     * The write that decides: status, decider(s) and time, conditional on the approval being as it was read (pending,
     * not expired, the same approvals counted), so of concurrent votes exactly one decides.
     */
    private Optional<Decided> decideNow(String approvalId, Approval read, ApprovalDecision.Vote vote, String voter, Instant at) {
        Approval decided = read.decided(vote, at);
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#expiresAt", "expiresAt",
                "#decidedBy", "decidedBy", "#decidedAt", "decidedAt", "#approvedBy", "approvedBy", "#voters", "voters",
                "#decider", DECIDER));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":decision", AttributeValue.fromS(vote.decision().name()),
                ":approver", AttributeValue.fromS(decided.decidedBy()), ":at", number(at.toEpochMilli()),
                ":pending", AttributeValue.fromS(ApprovalStatus.PENDING.name()), ":counted", number(read.approvedBy().size()),
                ":approvers", approvers(decided.approvedBy()), ":voter", AttributeValue.fromSs(List.of(voter)),
                ":decider", AttributeValue.fromS(voter)));
        String update = "SET #status = :decision, #decidedBy = :approver, #decidedAt = :at, #approvedBy = :approvers, #decider = :decider";
        if (vote.comment() != null) {
            names.put("#comment", "comment");
            values.put(":comment", AttributeValue.fromS(vote.comment()));
            update += ", #comment = :comment";
        }
        String expression = update + " ADD #voters :voter";
        try {
            var response = AwsCall.run("DynamoDB UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table())
                    .key(key(approvalId)).updateExpression(expression).conditionExpression(asRead(read))
                    .expressionAttributeNames(names).expressionAttributeValues(values).returnValues(ReturnValue.ALL_NEW)));
            return Optional.of(new Won(response.attributes().get(TOKEN).s(), decided));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The write that counts one approval towards the quorum, conditional as {@link #decideNow}. */
    private Optional<Decided> count(String approvalId, Approval read, ApprovalDecision.Vote vote, String voter, Instant at) {
        Map<String, String> names = Map.of("#status", "status", "#expiresAt", "expiresAt", "#approvedBy", "approvedBy", "#voters", "voters");
        Map<String, AttributeValue> values = Map.of(":at", number(at.toEpochMilli()),
                ":pending", AttributeValue.fromS(ApprovalStatus.PENDING.name()), ":counted", number(read.approvedBy().size()),
                ":approvers", approvers(read.counted(vote).approvedBy()), ":voter", AttributeValue.fromSs(List.of(voter)));
        try {
            AwsCall.run("DynamoDB UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table())
                    .key(key(approvalId)).updateExpression("SET #approvedBy = :approvers ADD #voters :voter").conditionExpression(asRead(read))
                    .expressionAttributeNames(names).expressionAttributeValues(values)));
            return Optional.of(new Counted(read.counted(vote)));
        } catch (AwsCallFailedException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Pending, not expired, and the approvals counted are those read (the list only ever grows, so its size says it). */
    private static String asRead(Approval read) {
        return "#status = :pending AND #expiresAt > :at AND " + (read.approvedBy().isEmpty()
                ? "(attribute_not_exists(#approvedBy) OR size(#approvedBy) = :counted)" : "size(#approvedBy) = :counted");
    }

    private static AttributeValue approvers(List<String> names) {
        return AttributeValue.fromL(names.stream().map(AttributeValue::fromS).toList());
    }

    /** The keys of the voters whose approval is counted. */
    private java.util.Set<String> voters(String approvalId) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(key(approvalId)).projectionExpression("#voters").expressionAttributeNames(Map.of("#voters", "voters"))));
        AttributeValue voters = response.hasItem() ? response.item().get("voters") : null;
        return voters == null ? java.util.Set.of() : java.util.Set.copyOf(voters.ss());
    }

    /**
     * The key of the voter whose vote decided the approval (issuer and subject, as {@link #decide} was given it): tells a
     * voter's own decision, found again by a retry whose first answer was lost, from anyone else's.
     */
    static final String DECIDER = "decider";

    /** The approval's task token when {@code voter} decided it; empty when someone else did (or a record older than {@link #DECIDER}). */
    private Optional<String> tokenIfDecidedBy(String approvalId, String voter) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(key(approvalId)).projectionExpression("#decider, #token")
                .expressionAttributeNames(Map.of("#decider", DECIDER, "#token", TOKEN))));
        Map<String, AttributeValue> item = response.hasItem() ? response.item() : Map.of();
        return voter.equals(s(item, DECIDER)) ? Optional.ofNullable(s(item, TOKEN)) : Optional.empty();
    }

    @Override
    public Optional<String> decidedToken(String approvalId) {
        var response = AwsCall.run("DynamoDB GetItem", () -> dynamo.getItem(r -> r.tableName(table()).consistentRead(true)
                .key(key(approvalId)).projectionExpression("#status, #token")
                .expressionAttributeNames(Map.of("#status", "status", "#token", TOKEN))));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        String status = s(response.item(), "status");
        return ApprovalStatus.PENDING.name().equals(status) ? Optional.empty() : Optional.ofNullable(s(response.item(), TOKEN));
    }

    @Override
    public int endPendingOf(String executionArn) {
        List<Map<String, AttributeValue>> found = AwsCall.run("DynamoDB Query", () -> dynamo.queryPaginator(r -> r.tableName(table())
                .indexName(BY_EXECUTION).keyConditionExpression("#execution = :execution")
                .expressionAttributeNames(Map.of("#execution", "executionArn"))
                .expressionAttributeValues(Map.of(":execution", AttributeValue.fromS(executionArn)))).items().stream().toList());
        int ended = 0;
        for (Map<String, AttributeValue> item : found) {
            if (s(item, KEY).contains("#") || !ApprovalStatus.PENDING.name().equals(s(item, "status"))) {
                continue; // another record of the table (a lock or claim: "<kind>#..."), decided (kept for the audit) or already ended
            }
            try {
                AwsCall.run("DynamoDB UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table()).key(Map.of(KEY, item.get(KEY)))
                        .updateExpression("SET #status = :ended, decidedAt = :now REMOVE #token")
                        .conditionExpression("#status = :pending")
                        .expressionAttributeNames(Map.of("#status", "status", "#token", TOKEN))
                        .expressionAttributeValues(Map.of(":ended", AttributeValue.fromS(ApprovalStatus.ENDED.name()),
                                ":pending", AttributeValue.fromS(ApprovalStatus.PENDING.name()),
                                ":now", number(Instant.now().toEpochMilli())))));
                ended++;
            } catch (AwsCallFailedException e) {
                if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                    throw e;
                }
                // decided in the meantime (it stays decided), or ended by a retry of this very write whose answer was lost
            }
        }
        return ended;
    }

    /** The stored approval, under the id its caller presented (the table holds only the id's hash). */
    private static Approval approval(String approvalId, Map<String, AttributeValue> item) {
        Map<Integer, Integer> counts = new HashMap<>();
        item.getOrDefault("findings", AttributeValue.fromM(Map.of())).m()
                .forEach((severity, count) -> counts.put(Integer.valueOf(severity), Integer.valueOf(count.n())));
        return new Approval(approvalId, s(item, "executionArn"), s(item, "imageId"),
                new NamedVersion(s(item, "productName"), s(item, "productVersion")),
                new NamedVersion(s(item, "osName"), s(item, "osVersion")), s(item, "buildVersion"), s(item, "sourceImageId"),
                new Approval.Findings(counts, (int) n(item, "highestSeverity"), (int) n(item, "findingsTotal"),
                        s(item, "scanner")),
                s(item, "evidenceLink"), new Approval.Policy(Boolean.TRUE.equals(item.get("policyPassed").bool()),
                        s(item, "policyReason")),
                instant(item, "createdAt"), instant(item, "expiresAt"), ApprovalStatus.valueOf(s(item, "status")),
                s(item, "decidedBy"), s(item, "comment"), instant(item, "decidedAt"), review(s(item, "review")),
                item.containsKey("requiredApprovals") ? (int) n(item, "requiredApprovals") : 1,
                item.containsKey("approvedBy") ? item.get("approvedBy").l().stream().map(AttributeValue::s).toList() : List.of());
    }

    /** The review sheet as one JSON attribute: read back whole, never queried. */
    private static String reviewJson(ReviewSheet review) {
        try {
            return JSON.writeValueAsString(review);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the review sheet", e);
        }
    }

    private static ReviewSheet review(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, ReviewSheet.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stored review sheet is unreadable: " + e.getMessage(), e);
        }
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("gilder.approvals.table (GILDER_APPROVALS_TABLE) is not set");
        }
        return table;
    }

    private static Map<String, AttributeValue> key(String approvalId) {
        return Map.of(KEY, AttributeValue.fromS(ApprovalIds.key(approvalId)));
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.ofEpochMilli(n(item, name)) : null;
    }
}
