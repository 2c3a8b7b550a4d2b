package io.gilder.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code make demo}: starts the local stack and drives the shipped state machines with the shipped
 * sample inputs, printing what happened. Everything it starts is stopped before it returns.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("gilder.root", ".")).toAbsolutePath().normalize();
        Instant start = Instant.now();
        System.out.println("Gilder demo: the golden AMI pipeline on a local AWS emulator (no AWS account used)");
        List<Long> pids;
        try (LocalStack aws = LocalStack.start(LocalStack.Options.defaults(root));
                SfnClient sfn = aws.client(SfnClient.builder());
                Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            System.out.printf("  local AWS endpoint %s, started in %.1f s; logs in %s%n%n", aws.endpoint(),
                    seconds(Duration.between(start, Instant.now())), root.relativize(aws.workDir()));
            String buildMachine = aws.deployment().ref("BuildGoldenAmiStateMachine");
            String sourceImage = ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("name").values("amzn*"),
                    f -> f.name("root-device-type").values("ebs"))).images().get(0).imageId();
            String windowsImage = ec2.describeImages(r -> r.owners("amazon").filters(f -> f.name("platform").values("windows")))
                    .images().get(0).imageId();

            ObjectNode valid = sample(root, "events/build-golden-ami/default.json");
            valid.put("sourceAmiId", sourceImage);
            run(sfn, buildMachine, "1. A valid build request (events/build-golden-ami/default.json, source AMI from the emulator's catalog)", valid);

            ObjectNode badName = valid.deepCopy();
            badName.put("productName", "Web Server");
            badName.put("preUpdateScript", "http://example.com/pre.sh");
            run(sfn, buildMachine, "2. An invalid request: product name with a space, script over plain http", badName);

            ObjectNode windows = valid.deepCopy();
            windows.put("sourceAmiId", windowsImage);
            run(sfn, buildMachine, "3. An ineligible source image: a Windows AMI", windows);

            pids = aws.livePids();
        }
        long left = pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).count();
        System.out.printf("Stopped the local stack (moto and %d function container(s)); processes still running: %d. Total %.1f s.%n",
                pids.size() - 1, left, seconds(Duration.between(start, Instant.now())));
        if (left > 0) {
            System.exit(1);
        }
    }

    private static void run(SfnClient sfn, String machine, String title, JsonNode input) {
        System.out.println(title);
        Executions.Result result = Executions.run(sfn, machine, "demo-" + System.nanoTime(), Json.write(input), Duration.ofMinutes(5));
        Map<String, Instant> entered = new HashMap<>();
        for (HistoryEvent e : result.history()) {
            if (e.stateEnteredEventDetails() != null) {
                entered.put(e.stateEnteredEventDetails().name(), e.timestamp());
            } else if (e.stateExitedEventDetails() != null) {
                String state = e.stateExitedEventDetails().name();
                System.out.printf("   %-40s done in %5d ms%n", state, Duration.between(entered.get(state), e.timestamp()).toMillis());
                entered.remove(state);
            }
        }
        entered.keySet().forEach(state -> System.out.printf("   %-40s failed%n", state));
        if (result.status() == ExecutionStatus.SUCCEEDED) {
            JsonNode out = Json.read(result.output());
            System.out.printf("   SUCCEEDED in %.1f s: %s-%s on %s-%s, build %s, instance type %s; once approved it registers %s%n%n",
                    seconds(result.took()), out.at("/request/product/name").asText(), out.at("/request/product/version").asText(),
                    out.at("/request/os/name").asText(), out.at("/request/os/version").asText(),
                    out.at("/request/buildVersion").asText(), out.at("/request/instanceType").asText(),
                    out.at("/request/parameterName").asText());
        } else {
            String message = result.cause() == null ? "" : Json.read(result.cause()).path("errorMessage").asText(result.cause());
            System.out.printf("   %s in %.1f s with %s:%n     %s%n%n", result.status(), seconds(result.took()), result.error(), message);
        }
    }

    private static ObjectNode sample(Path root, String file) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Files.readString(root.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
