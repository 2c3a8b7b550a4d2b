package io.gilder.local.bench;

import io.gilder.local.LocalStack;
import io.gilder.local.emulator.Container;
import io.gilder.local.emulator.FunctionSpec;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code bench/cold-start}: starts a fresh JVM for a function again and again, with Lambda's JVM
 * flags, under the local Lambda Runtime API, and measures init (JVM start to first poll for work,
 * i.e. Lambda's Init phase, which SnapStart snapshots) and the first invocation (which calls EC2
 * and SSM on the emulator). Prints each run and the medians.
 */
public final class ColdStartBench {

    private ColdStartBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("gilder.root", ".")).toAbsolutePath().normalize();
        int runs = Integer.parseInt(System.getProperty("runs", "7"));
        String function = System.getProperty("function", "ValidateBuildRequestFunction");
        List<long[]> results = new ArrayList<>();
        try (LocalStack aws = LocalStack.start(LocalStack.Options.defaults(root)); Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            String image = ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("name").values("amzn*"),
                    f -> f.name("root-device-type").values("ebs"))).images().get(0).imageId();
            byte[] event = Json.write(Map.of("sourceAmiId", image, "productName", "Bench-1.0", "productOSAndVersion", "AmazonLinux-2023",
                    "buildVersion", "1")).getBytes(StandardCharsets.UTF_8);
            FunctionSpec spec = aws.functions().spec(function);
            Map<String, String> env = new HashMap<>(aws.functions().environmentOf(spec));
            String mode = System.getProperty("initType", "on-demand");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", mode);
            System.out.printf("init type %s%s%n", mode, mode.equals("snap-start")
                    ? ": the function primes itself during init, which SnapStart snapshots; 'first invoke' is what a restore leaves to pay"
                    : ": no priming; 'total' is what an on-demand cold start costs");
            System.out.printf("cold start of %s (%s), %d runs, JVM %s, flags as Lambda's java21 runtime%n", function,
                    spec.environment().get("QUARKUS_LAMBDA_HANDLER"), runs, Runtime.version());
            System.out.printf("%4s %10s %16s %10s %15s%n", "run", "init ms", "first invoke ms", "total ms", "warm invoke ms");
            for (int run = 1; run <= runs; run++) {
                try (Container c = new Container(spec, Container.javaCommand(aws.functions().java(), spec, aws.functions().classpath(), aws.functions().nativeClient()),
                        env, aws.functions().logOf(function + "-bench"))) {
                    while (c.initNanos() < 0) {
                        if (!c.alive()) {
                            throw new IllegalStateException("container died during init; see " + aws.functions().logOf(function + "-bench"));
                        }
                        Thread.onSpinWait();
                    }
                    long init = c.initNanos() / 1_000_000;
                    long t0 = System.nanoTime();
                    Invocation result = c.invoke(event);
                    long invoke = (System.nanoTime() - t0) / 1_000_000;
                    if (result.error()) {
                        throw new IllegalStateException("invocation failed: " + result.payloadText());
                    }
                    long t1 = System.nanoTime();
                    c.invoke(event);
                    long warm = (System.nanoTime() - t1) / 1_000_000;
                    results.add(new long[] {init, invoke, init + invoke, warm});
                    System.out.printf("%4d %10d %16d %10d %15d%n", run, init, invoke, init + invoke, warm);
                }
            }
        }
        long zip = Files.size(root.resolve("functions/target/function.zip"));
        System.out.printf("median: init %d ms, first invoke %d ms, total %d ms (targets: total <= 1000, first invoke <= 150);"
                + " warm invoke %d ms (the emulator's own latency for the same calls)%n",
                median(results, 0), median(results, 1), median(results, 2), median(results, 3));
        System.out.printf("function.zip: %.1f MB%n", zip / 1024.0 / 1024.0);
    }

    private static long median(List<long[]> rows, int column) {
        long[] values = rows.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
