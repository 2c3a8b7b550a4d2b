package io.gilder.local.bench;

import io.gilder.local.Executions;
import io.gilder.local.LocalImages;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code bench/distribution}: distributes a golden image to 1×1, 5×2 and 20×4 (accounts × regions) on the
 * local stack and prints, per fan-out, the wall time, the state transitions, the execution's history length, and
 * the AWS calls the functions made, in total and per target. A 20×4 run first starts every function container the
 * runs will use and is not counted, so cold starts do not land on whichever fan-out first needs more containers. Every region is one the image must be copied to (never the pipeline's own).
 */
public final class DistributionBench {

    private static final List<String> REGIONS = List.of("eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2");
    private static final Duration RUN = Duration.ofMinutes(15);

    record Fanout(int accounts, int regions) {
        int targets() {
            return accounts * regions;
        }
    }

    record Measure(Fanout fanout, Duration wall, int transitions, int parentEvents, Map<String, Long> calls, long invokes) {
        long awsCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private DistributionBench() {}

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("gilder.root", ".")).toAbsolutePath().normalize();
        String concurrency = System.getProperty("concurrency", "20");
        List<Fanout> fanouts = List.of(new Fanout(1, 1), new Fanout(5, 2), new Fanout(20, 4));
        int maxAccounts = fanouts.stream().mapToInt(Fanout::accounts).max().orElse(1);
        LocalStack.Options options = LocalStack.Options.defaults(root).withParameter("DistributionConcurrency", concurrency)
                .withParameter("DistributionAllowedAccounts", String.join(",", accounts(maxAccounts)));
        try (LocalStack aws = LocalStack.start(new LocalStack.Options(options.root(), options.parameterOverrides(), 8));
                SfnClient sfn = aws.inspector(SfnClient.builder())) {
            List<String> accounts = accounts(maxAccounts);
            accounts.stream().filter(a -> !LocalNames.CHILD_ACCOUNTS.contains(a)).forEach(aws::addChildAccount);
            System.out.printf("distribution fan-out on the local stack: DistributionConcurrency=%s, %d cores, JVM %s%n", concurrency,
                    Runtime.getRuntime().availableProcessors(), Runtime.version());
            // Warm-up, not counted: the largest fan-out starts as many function containers as any run will use.
            distribute(aws, sfn, accounts, fanouts.get(fanouts.size() - 1));
            List<Measure> measures = new ArrayList<>();
            for (Fanout fanout : fanouts) {
                measures.add(distribute(aws, sfn, accounts, fanout));
            }
            print(measures);
        }
    }

    private static Measure distribute(LocalStack aws, SfnClient sfn, List<String> accounts, Fanout fanout) {
        String product = "Bench" + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
        String parameter = "/GoldenAMI/AmazonLinux-2023/" + product + "/1";
        LocalImages.registerGolden(aws, product, parameter);
        List<Map<String, Object>> targets = accounts.subList(0, fanout.accounts()).stream()
                .map(a -> Map.<String, Object>of("accountId", a, "regions", REGIONS.subList(0, fanout.regions()))).toList();
        String input = Json.write(Map.of("productName", product, "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1",
                "targets", targets));
        aws.faults().reset();
        Executions.Result result = Executions.run(sfn, aws.deployment().ref("DistributeGoldenAmiStateMachine"),
                "bench-" + UUID.randomUUID(), input, RUN);
        if (result.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException(fanout + " ended " + result.status() + ": " + result.error() + " " + result.cause());
        }
        List<String> calls = aws.faults().calls();
        Map<String, Long> awsCalls = calls.stream().filter(c -> !c.startsWith("lambda:") && !c.startsWith("states:"))
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        long invokes = calls.stream().filter(c -> c.startsWith("lambda:")).count();
        return new Measure(fanout, result.took(), transitions(result), result.history().size(), awsCalls, invokes);
    }

    /**
     * States entered, as the execution's history shows them. The emulator runs a Distributed Map's child workflows
     * inside the parent and writes their events into the parent's history (it cannot list them as executions), so on
     * the local stack this counts every transition of the run; on AWS the children's events are in their own histories.
     */
    private static int transitions(Executions.Result result) {
        return entered(result.history());
    }

    private static int entered(Iterable<HistoryEvent> events) {
        int n = 0;
        for (HistoryEvent e : events) {
            if (e.stateEnteredEventDetails() != null) {
                n++;
            }
        }
        return n;
    }

    private static void print(List<Measure> measures) {
        System.out.printf("%-8s %7s %9s %12s %14s %10s %14s %16s%n", "fan-out", "targets", "wall s", "transitions",
                "parent events", "AWS calls", "calls/target", "lambda invokes");
        for (Measure m : measures) {
            System.out.printf("%-8s %7d %9.1f %12d %14d %10d %14.1f %16d%n", m.fanout().accounts() + "x" + m.fanout().regions(),
                    m.fanout().targets(), m.wall().toMillis() / 1000.0, m.transitions(), m.parentEvents(), m.awsCalls(),
                    (double) m.awsCalls() / m.fanout().targets(), m.invokes());
        }
        Measure first = measures.get(0);
        Measure last = measures.get(measures.size() - 1);
        System.out.printf("wall %s / %s = %.2fx (target <= 3x)%n", label(last), label(first),
                (double) last.wall().toMillis() / first.wall().toMillis());
        System.out.println("AWS calls by operation:");
        measures.forEach(m -> System.out.printf("  %-6s %s%n", label(m), m.calls()));
    }

    private static String label(Measure m) {
        return m.fanout().accounts() + "x" + m.fanout().regions();
    }

    private static List<String> accounts(int n) {
        List<String> accounts = new ArrayList<>(LocalNames.CHILD_ACCOUNTS);
        IntStream.range(0, Math.max(0, n - accounts.size())).forEach(i -> accounts.add(String.format("%012d", 300000000001L + i)));
        return accounts.subList(0, n);
    }
}
