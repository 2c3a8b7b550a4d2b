package io.gilder.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Fixtures of the rescan-golden-amis tests: the active list set to exactly the images a test rescans (and put back
 * afterwards, since other test classes of the same JVM keep their own entries there), runs, rescan instances and the
 * report. Everything here reads and writes through the inspector clients: nothing is logged as a workflow call or faulted.
 */
final class Rescans {

    static final String MACHINE = "RescanGoldenAmisStateMachine";
    static final String TAG = "continuous-assessment-instance";

    private Rescans() {}

    /** The current {@code /GoldenAMI/latest}, or empty when there is none. */
    static Optional<String> latest(LocalStack aws) {
        try (SsmClient ssm = aws.inspector(SsmClient.builder())) {
            return Optional.of(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Sets {@code /GoldenAMI/latest} to {@code value} ({@code null}: deletes it). */
    static void setLatest(LocalStack aws, String value) {
        try (SsmClient ssm = aws.inspector(SsmClient.builder())) {
            if (value == null) {
                try {
                    ssm.deleteParameter(r -> r.name("/GoldenAMI/latest"));
                } catch (ParameterNotFoundException e) {
                    // already gone
                }
            } else {
                ssm.putParameter(r -> r.name("/GoldenAMI/latest").value(value).type(ParameterType.STRING).overwrite(true));
            }
        }
    }

    /** Runs a rescan with {@code input} and waits for its end. */
    static Executions.Result run(LocalStack aws, Map<String, Object> input) {
        return GoldenImages.run(aws, MACHINE, input);
    }

    /** Instances tagged {@code continuous-assessment-instance=true} that are not terminated. */
    static List<String> liveRescanInstances(LocalStack aws) {
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            return ec2.describeInstancesPaginator(r -> r.filters(f -> f.name("tag:" + TAG).values("true"))).reservations().stream()
                    .flatMap(r -> r.instances().stream()).filter(i -> i.state().name() != InstanceStateName.TERMINATED)
                    .map(i -> i.instanceId() + " (" + i.state().nameAsString() + ")").toList();
        }
    }

    /** Every instance ever launched with the rescan tag (terminated ones included). */
    static List<Instance> rescanInstances(LocalStack aws) {
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            return ec2.describeInstancesPaginator(r -> r.filters(f -> f.name("tag:" + TAG).values("true"))).reservations().stream()
                    .flatMap(r -> r.instances().stream()).toList();
        }
    }

    /** The object at an {@code s3://bucket/key} reference, as JSON. */
    static JsonNode readJson(LocalStack aws, String s3Uri) {
        return Json.read(readText(aws, s3Uri));
    }

    static String readText(LocalStack aws, String s3Uri) {
        return aws.readObject(s3Uri);
    }

    /** The tags of an image of the pipeline account. */
    static Map<String, String> imageTags(LocalStack aws, String imageId) {
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            return ec2.describeImages(r -> r.imageIds(imageId)).images().get(0).tags().stream()
                    .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value()));
        }
    }

    /** The per-image result of {@code imageId} in a report document. */
    static JsonNode result(JsonNode report, String imageId) {
        for (JsonNode r : report.path("results")) {
            if (imageId.equals(r.path("imageId").asText())) {
                return r;
            }
        }
        throw new AssertionError("no result for " + imageId + " in the report: " + report.path("results"));
    }
}
