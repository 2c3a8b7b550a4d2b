package io.gilder.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * What a build can leave behind in an account and region: instances not terminated, EBS volumes (a volume
 * outlives its terminated instance unless it is deleted on termination), own images, own snapshots and golden
 * registry parameters. Taken before and after a run, the difference is
 * exactly what the run left. A volume is known by its id alone, so a volume that was there before and only
 * changed state (detached when its instance ended) is not counted as left.
 * In the pipeline account's home region it also holds what the approvals table keeps for running workflows: version
 * locks and approval requests still pending with their task token (an ended build's requests are ended, their tokens
 * removed). Scans kept at the scanner are compared apart (the fakes' {@code keptScans()}).
 */
public record AccountState(Set<String> liveInstances, Set<String> volumes, Set<String> images, Set<String> snapshots,
        Map<String, String> goldenParameters, Set<String> versionLocks, Set<String> pendingApprovals) {

    /**
     * Where the {@code /GoldenAMI/latest} lock keeps the marker of each stale lease it broke; any writer taking the lock
     * deletes markers older than two leases, so a run may remove markers earlier runs left: that is the lock's own
     * bookkeeping, not a registry entry lost (a marker a run adds is still reported).
     */
    static final String BREAK_MARKERS = "/GoldenAMI/.lock/latest.broken/";

    /** The pipeline account in the stack's region, read from moto directly (no call is logged or faulted). */
    public static AccountState of(LocalStack stack) {
        try (Ec2Client ec2 = stack.inspector(Ec2Client.builder()); SsmClient ssm = stack.inspector(SsmClient.builder())) {
            return of(ec2, ssm).withApprovalsTableOf(stack);
        }
    }

    /**
     * This state with what the pipeline account's approvals table holds for workflows under way: version locks
     * ({@code lock#<parameter>}, held by distribution, revocation and decommission: every ending must release its lock, or
     * leave it to be taken over) and approval requests still pending with their task token (a build that ends without a
     * decision must end them).
     */
    public AccountState withApprovalsTableOf(LocalStack stack) {
        try (DynamoDbClient dynamo = stack.inspector(DynamoDbClient.builder())) {
            List<Map<String, AttributeValue>> items = dynamo.scanPaginator(r -> r.tableName(stack.deployment().ref("ApprovalsTable"))
                    .consistentRead(true)).items().stream().filter(item -> item.containsKey("approvalKey")).toList();
            Set<String> locks = items.stream().filter(item -> item.get("approvalKey").s().startsWith("lock#"))
                    .map(item -> item.get("approvalKey").s() + " held by " + executionOf(item))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> pending = items.stream().filter(item -> item.containsKey("taskToken") && item.containsKey("status")
                            && "PENDING".equals(item.get("status").s()))
                    .map(item -> item.get("approvalKey").s() + " of " + executionOf(item))
                    .collect(Collectors.toCollection(TreeSet::new));
            return new AccountState(liveInstances, volumes, images, snapshots, goldenParameters, locks, pending);
        }
    }

    private static String executionOf(Map<String, AttributeValue> item) {
        return item.containsKey("executionArn") ? item.get("executionArn").s() : "?";
    }

    /** The account and region these clients act in, e.g. a child account's through {@link LocalStack#clientInAccount}. */
    public static AccountState of(Ec2Client ec2, SsmClient ssm) {
        Set<String> live = ec2.describeInstancesPaginator(r -> r.maxResults(1000)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(i -> i.state().name() != InstanceStateName.TERMINATED)
                .map(Instance::instanceId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> volumes = ec2.describeVolumesPaginator(r -> r.maxResults(500)).volumes().stream()
                .map(v -> v.volumeId()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> images = ec2.describeImages(r -> r.owners("self")).images().stream()
                .map(i -> i.imageId()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> snapshots = ec2.describeSnapshotsPaginator(r -> r.ownerIds("self")).snapshots().stream()
                .map(s -> s.snapshotId()).collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> parameters = new HashMap<>();
        ssm.getParametersByPathPaginator(r -> r.path("/GoldenAMI").recursive(true)).stream()
                .flatMap(page -> page.parameters().stream())
                .forEach((Parameter p) -> parameters.put(p.name(), p.value()));
        return new AccountState(live, volumes, images, snapshots, Map.copyOf(parameters), Set.of(), Set.of());
    }

    /** What is in this state and was not in {@code before}, as readable lines (empty: nothing new). */
    public List<String> newSince(AccountState before) {
        List<String> lines = new java.util.ArrayList<>();
        liveInstances.stream().filter(i -> !before.liveInstances.contains(i)).forEach(i -> lines.add("instance not terminated: " + i));
        volumes.stream().filter(v -> !before.volumes.contains(v)).forEach(v -> lines.add("volume left: " + v));
        images.stream().filter(i -> !before.images.contains(i)).forEach(i -> lines.add("image: " + i));
        snapshots.stream().filter(s -> !before.snapshots.contains(s)).forEach(s -> lines.add("snapshot: " + s));
        goldenParameters.forEach((name, value) -> {
            if (!value.equals(before.goldenParameters.get(name))) {
                lines.add("parameter " + name + " = " + value + " (was " + before.goldenParameters.get(name) + ")");
            }
        });
        versionLocks.stream().filter(l -> !before.versionLocks.contains(l)).forEach(l -> lines.add("version lock: " + l));
        pendingApprovals.stream().filter(a -> !before.pendingApprovals.contains(a))
                .forEach(a -> lines.add("approval request pending with its task token: " + a));
        before.goldenParameters.keySet().stream().filter(n -> !goldenParameters.containsKey(n) && !n.startsWith(BREAK_MARKERS))
                .forEach(n -> lines.add("parameter removed: " + n));
        return lines;
    }
}
