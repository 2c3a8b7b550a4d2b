package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * revoke-golden-ami under faults, over the two fake child accounts × us-east-1 and eu-west-1: each AWS operation of a
 * clean revocation is refused at its first call, one per run, on a freshly distributed image. The faulted run must fail
 * with a named error or recover; a revocation run again without faults must then finish the job: the image and its
 * copies are on no {@code /GoldenAMI/latest} anywhere and another image's entry survives everywhere. At the end no version
 * lock is held, except one whose release was the refused call (it expires with its lease). Then one run each with every operation throttled, answered 500, and, for
 * writes, applied with its answer lost: each succeeds at once.
 */
@ExtendWith(LocalAws.class)
class RevokeFaultInjectionTest {

    private static final Pattern NAMED_ERROR = Pattern.compile("(io\\.gilder\\.error\\.[A-Za-z]+Exception|Gilder\\.[A-Za-z]+)");
    private static final Pattern READS = Pattern.compile(":(Describe|Get|List|Search|Head)");

    @Test
    void aFaultAtAnyAwsCallOfARevocationIsFinishedByTheNextRunAndLosesNoOtherEntry(LocalStack aws) {
        String keep = Places.keepAnotherImageListedEverywhere(aws);
        String warm = Places.registerAndDistribute(aws, GoldenImages.uniqueProduct("RevokeWarm"));
        revoke(aws, warm); // warms the revocation's containers

        String clean = Places.registerAndDistribute(aws, GoldenImages.uniqueProduct("RevokeClean"));
        aws.faults().reset();
        Executions.Result cleanRun = revoke(aws, clean);
        List<String> operations = aws.faults().calls().stream()
                .filter(c -> !c.startsWith("lambda:") && !c.startsWith("states:") && !c.startsWith("sqs:")).distinct().toList();
        aws.faults().reset();
        assertThat(cleanRun.status()).as(cleanRun.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);

        List<String> problems = new ArrayList<>();
        List<String> unlockRefused = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (String operation : operations) {
            String product = GoldenImages.uniqueProduct("RevokeFault");
            mine.add("lock#" + GoldenImages.parameter(product));
            String golden = Places.registerAndDistribute(aws, product);
            Executions.Result faulted = withFaults(aws, List.of(Faults.refused(operation, 1)), () -> revoke(aws, golden));
            if (operation.equals("dynamodb:DeleteItem")) {
                unlockRefused.add("lock#" + GoldenImages.parameter(product));
            }
            String where = "revocation with " + operation + " #1 refused";
            if (faulted.status() == ExecutionStatus.FAILED ? !NAMED_ERROR.matcher(String.valueOf(faulted.error())).matches()
                    : faulted.status() != ExecutionStatus.SUCCEEDED) {
                problems.add(where + ": ended " + faulted.status() + " " + faulted.error() + " " + faulted.cause());
            }
            Executions.Result again = revoke(aws, golden);
            if (again.status() != ExecutionStatus.SUCCEEDED) {
                problems.add(where + ": the run after it ended " + again.status() + " " + again.error() + " " + again.cause());
            }
            revoked(problems, where, aws, golden, keep);
            System.out.printf("  %s: %s %s, then %s%n", where, faulted.status(), faulted.error() == null ? "" : faulted.error(), again.status());
        }

        Map<String, Integer> kinds = new LinkedHashMap<>(Map.of("refused", operations.size()));
        for (Function<String, Faults.Rule> kind : List.<Function<String, Faults.Rule>>of(
                op -> Faults.throttled(op, 1), op -> Faults.serverError(op, 1), op -> Faults.appliedThenLost(op, 1))) {
            List<Faults.Rule> armed = operations.stream().map(kind)
                    .filter(rule -> !rule.appliedFirst() || !READS.matcher(rule.operation()).find()).toList();
            String product = GoldenImages.uniqueProduct("RevokeKind");
            mine.add("lock#" + GoldenImages.parameter(product));
            String golden = Places.registerAndDistribute(aws, product);
            Executions.Result run = withFaults(aws, armed, () -> revoke(aws, golden));
            String where = "revocation with " + armed.get(0).kind() + " at " + armed.size() + " operations";
            if (run.status() != ExecutionStatus.SUCCEEDED) {
                problems.add(where + ": ended " + run.status() + " " + run.error() + " " + run.cause());
            }
            revoked(problems, where, aws, golden, keep);
            kinds.put(armed.get(0).kind(), armed.size());
            System.out.printf("  %s: %s%n", where, run.status());
        }
        locksLeft(aws).stream().filter(mine::contains).filter(lock -> !unlockRefused.contains(lock))
                .forEach(lock -> problems.add("a version lock outlived its revocation: " + lock));
        System.out.printf("fault injection (revoke, 2 accounts x 2 regions): fault points per kind %s; %d problems%n", kinds, problems.size());
        assertThat(operations).as("revocation fault points").hasSizeGreaterThanOrEqualTo(8);
        assertThat(problems).isEmpty();
    }

    /** Version locks held in the approvals table (an unlock refused by a fault leaves one until it expires). */
    private static List<String> locksLeft(LocalStack aws) {
        try (DynamoDbClient dynamo = aws.inspector(DynamoDbClient.builder())) {
            return dynamo.scanPaginator(r -> r.tableName(aws.deployment().ref("ApprovalsTable")).consistentRead(true)).items().stream()
                    .map(item -> item.get("approvalKey") == null ? "" : item.get("approvalKey").s()).filter(id -> id.startsWith("lock#")).toList();
        }
    }

    private static Executions.Result revoke(LocalStack aws, String imageId) {
        return GoldenImages.run(aws, "RevokeGoldenAmiStateMachine", Map.of("imageId", imageId, "reason", "fault injection",
                "mode", "revoke"));
    }

    private static Executions.Result withFaults(LocalStack aws, List<Faults.Rule> rules, java.util.function.Supplier<Executions.Result> run) {
        aws.faults().reset();
        rules.forEach(aws.faults()::add);
        try {
            return run.get();
        } finally {
            aws.faults().reset();
        }
    }

    /** The image and its regional copies are on no active list; the other image's entry is on every one. */
    private static void revoked(List<String> problems, String where, LocalStack aws, String golden, String keep) {
        List<String> revoked = new ArrayList<>(List.of(golden));
        for (Places.Place place : Places.ALL.stream().filter(p -> p.account() == null).toList()) {
            try (Ec2Client ec2 = place.client(aws, Ec2Client.builder())) {
                ec2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden))).images()
                        .forEach(copy -> revoked.add(copy.imageId()));
            }
        }
        for (Places.Place place : Places.ALL) {
            List<String> latest = place.latest(aws);
            if (latest.stream().anyMatch(revoked::contains)) {
                problems.add(where + ": " + revoked + " still listed on /GoldenAMI/latest in " + place + ": " + latest);
            }
            if (!latest.contains(keep)) {
                problems.add(where + ": lost the other entry on /GoldenAMI/latest in " + place);
            }
        }
    }
}
