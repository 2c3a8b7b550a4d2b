package io.gilder.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.LocalFleet;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.Container;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.ConfigFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code bench/compliance}: one periodic evaluation of the compliance rule over many instances (default
 * 10,000) of a child account, by the child template's function from {@code function.zip}, in its own JVM
 * with Lambda's flags and the heap Lambda gives its memory size. Instances are launched one per reservation,
 * so the emulator pages {@code DescribeInstances} by 1,000 instances as EC2 does at most. {@code PutEvaluations}
 * is answered by WireMock ({@link ConfigFake}). Prints the calls made, the wall and CPU time of the
 * invocation, the function process's peak resident memory ({@code VmHWM}) and its heap peak (GC log), and
 * how long the emulator alone takes to answer the same {@code DescribeInstances} pages.
 */
public final class ComplianceBench {

    static final String FUNCTION = "EvaluateInstanceComplianceFunction";
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private ComplianceBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("gilder.root", ".")).toAbsolutePath().normalize();
        int count = Integer.parseInt(System.getProperty("instances", "10000"));
        String account = LocalNames.CHILD_ACCOUNTS.get(0);
        String name = LocalNames.childFunction(FUNCTION, account);
        try (LocalStack aws = LocalStack.start(LocalStack.Options.defaults(root)); ConfigFake config = new ConfigFake(aws.wiremock(), aws.gateway());
                Ec2Client ec2 = aws.clientInAccount(account, Ec2Client.builder()); SsmClient ssm = aws.clientInAccount(account, SsmClient.builder())) {
            List<String> images = ec2.describeImages(r -> r.owners("amazon")).images().stream().map(Image::imageId).distinct().limit(5).toList();
            ssm.putParameter(r -> r.name("/GoldenAMI/latest").type(ParameterType.STRING).overwrite(true)
                    .value(String.join(",", images.subList(0, 3))));
            long setup = System.nanoTime();
            List<String> launched = LocalFleet.launch(ec2, images, count, 1);
            System.out.printf("setup: %,d instances launched in account %s (one per reservation, 3 of 5 images golden) in %d s%n",
                    launched.size(), account, seconds(System.nanoTime() - setup));

            FunctionSpec spec = aws.functions().spec(name);
            Path gcLog = aws.workDir().resolve("compliance-bench-gc.log");
            // The JVM sizes its heap from the machine's memory; in Lambda that machine is the function's sandbox.
            System.setProperty("gilder.function.jvmArgs", (System.getProperty("gilder.function.jvmArgs", "")
                    + " -XX:MaxRAM=" + spec.memoryMb() + "m -Xlog:gc:file=" + gcLog).trim());
            List<String> command = Container.javaCommand(aws.functions().java(), spec, aws.functions().classpath(), aws.functions().nativeClient());
            try (Container function = new Container(spec, command, aws.functions().environmentOf(spec), aws.functions().logOf(name + "-bench"))) {
                while (function.initNanos() < 0) {
                    if (!function.alive()) {
                        throw new IllegalStateException("the function died during init; see " + aws.functions().logOf(name + "-bench"));
                    }
                    Thread.sleep(20);
                }
                Duration cpuBefore = cpu(function.pid());
                aws.faults().reset();
                config.reset();
                long start = System.nanoTime();
                Invocation result = function.invoke(ConfigFake.scheduledEvent(account, Instant.now(), "bench-token"));
                long wall = System.nanoTime() - start;
                Duration cpu = cpu(function.pid()).minus(cpuBefore);
                if (result.error()) {
                    throw new IllegalStateException("the evaluation failed: " + result.payloadText());
                }
                long describes = aws.faults().calls().stream().filter("ec2:DescribeInstances"::equals).count();
                List<ConfigFake.Call> puts = config.calls();
                check(puts, launched, count);
                long peakKb = statusKb(function.pid(), "VmHWM");

                System.out.printf("function: %s (%s), %d MB, JVM flags %s%n", name, spec.environment().get("QUARKUS_LAMBDA_HANDLER"),
                        spec.memoryMb(), command.stream().filter(flag -> flag.startsWith("-XX:")).toList());
                System.out.printf("report: %s%n", result.payloadText());
                System.out.printf("DescribeInstances calls: %d (target <= 10)%n", describes);
                System.out.printf("PutEvaluations calls:    %d, each <= 100 evaluations, all with the event's token (target <= 100)%n", puts.size());
                System.out.printf("wall time:               %.1f s (target < 90 s); function CPU %.1f s%n", wall / 1e9, cpu.toMillis() / 1e3);
                System.out.printf("peak memory:             %d MB resident (VmHWM of the function JVM, target <= %d MB); %s%n",
                        peakKb / 1024, spec.memoryMb(), heapPeak(gcLog));
            }
            long replay = System.nanoTime();
            int pages = replayPages(ec2);
            System.out.printf("emulator alone: %.1f s to answer the same %d DescribeInstances pages (its own serialization, included in the wall time)%n",
                    (System.nanoTime() - replay) / 1e9, pages);
        }
    }

    /** Every launched instance reported exactly once, in calls of at most 100 with the event's token. */
    private static void check(List<ConfigFake.Call> puts, List<String> launched, int count) {
        Set<String> reported = new HashSet<>();
        for (ConfigFake.Call put : puts) {
            JsonNode evaluations = put.body().get("Evaluations");
            if (put.status() != 200 || evaluations.size() > 100 || !put.body().get("ResultToken").asText().equals("bench-token")) {
                throw new IllegalStateException("unexpected PutEvaluations call: status " + put.status() + ", " + evaluations.size() + " evaluations");
            }
            evaluations.forEach(e -> {
                if (!reported.add(e.get("ComplianceResourceId").asText())) {
                    throw new IllegalStateException("reported twice: " + e.get("ComplianceResourceId").asText());
                }
            });
        }
        if (!reported.containsAll(launched) || reported.size() != count) {
            throw new IllegalStateException("reported " + reported.size() + " instances, launched " + launched.size());
        }
    }

    private static int replayPages(Ec2Client ec2) {
        int pages = 0;
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse page = ec2.describeInstances(r -> r.maxResults(1000).nextToken(next));
            pages++;
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return pages;
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** A {@code /proc/<pid>/status} figure in kB, e.g. {@code VmHWM} (peak resident set size). */
    private static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    /** Heap occupancy before and after collections, and the committed heap, from the function's GC log. */
    private static String heapPeak(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(3)));
                }
            }
        }
        return before == 0 ? "(no collection)" : "heap at most " + before + " MB before a collection, " + after + " MB after one, "
                + committed + " MB committed";
    }

    private static long seconds(long nanos) {
        return nanos / 1_000_000_000L;
    }
}
