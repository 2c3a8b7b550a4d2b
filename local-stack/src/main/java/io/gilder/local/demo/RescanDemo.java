package io.gilder.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.Executions;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.Json;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The demo's rescan step: rescan-golden-amis started with the schedule's input (the local emulator stores
 * EventBridge Scheduler schedules but never fires them), its report printed from S3. With the Qualys fake, a second
 * rescan after the fake gained a severity-5 finding shows what is new since the last scan and the revocation that the
 * failed policy starts (in the stack's RevocationMode, {@code report} locally: the image is marked, nothing else).
 */
final class RescanDemo {

    private final LocalStack aws;

    RescanDemo(LocalStack aws) {
        this.aws = aws;
    }

    /** Runs one rescan and prints its report; {@code false} when the run did not succeed. */
    boolean rescanAndPrint(String prefix) {
        Executions.Result run;
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            run = Executions.run(sfn, aws.deployment().ref("RescanGoldenAmisStateMachine"), prefix + System.nanoTime(),
                    "{\"trigger\":\"schedule\"}", Duration.ofMinutes(5));
        }
        System.out.printf("   %s in %.1f s; report.txt (also the SNS summary's body):%n", run.status(), run.took().toMillis() / 1000.0);
        if (run.status() != ExecutionStatus.SUCCEEDED) {
            System.out.printf("   failed with %s: %s%n", run.error(), run.cause());
            return false;
        }
        JsonNode report = Json.read(run.output()).path("report");
        aws.readObject(report.path("text").asText()).lines().forEach(line -> System.out.println("     | " + line));
        return true;
    }

    /** The revocations the last rescan started, with their status and the tags they put on the image. */
    void printRevocations(String imageId) {
        String machine = aws.deployment().ref("RevokeGoldenAmiStateMachine");
        try (SfnClient sfn = aws.inspector(SfnClient.builder()); Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            sfn.listExecutions(r -> r.stateMachineArn(machine)).executions().forEach(e -> {
                Executions.Result revocation = Executions.await(sfn, e.executionArn(), Duration.ofMinutes(2));
                System.out.printf("   revoke-golden-ami %s: %s%n", e.name(), revocation.status());
            });
            Map<String, String> tags = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0).tags().stream()
                    .filter(t -> t.key().startsWith("gilder:revo")).collect(Collectors.toMap(t -> t.key(), t -> t.value()));
            System.out.printf("   %s now carries %s%n", imageId, tags);
        }
    }
}
