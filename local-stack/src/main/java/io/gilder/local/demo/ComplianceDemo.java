package io.gilder.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.LocalStack;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.ConfigFake;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The demo's compliance step: in one child account, an instance of the distributed golden AMI and one of a
 * plain catalog image, judged by the child template's Config rule function on its periodic trigger. AWS Config
 * is played here (the event) and by {@link ConfigFake} ({@code PutEvaluations}); the function, EC2 and
 * Parameter Store are the real function.zip and moto. The instances are terminated before returning, so the
 * decommission that follows is not blocked by them.
 */
final class ComplianceDemo {

    private final LocalStack aws;
    private final String account;

    ComplianceDemo(LocalStack aws, String account) {
        this.aws = aws;
        this.account = account;
    }

    /** Launches the two instances, runs the rule once, prints each verdict with its annotation. */
    void show(String versionParameter) {
        try (Ec2Client ec2 = aws.clientInAccount(account, Ec2Client.builder());
                SsmClient ssm = aws.clientInAccount(account, SsmClient.builder());
                ConfigFake config = new ConfigFake(aws.wiremock(), aws.gateway())) {
            String golden = ssm.getParameter(r -> r.name(versionParameter)).parameter().value();
            String plain = ec2.describeImages(r -> r.owners("amazon")).images().stream().map(Image::imageId)
                    .filter(id -> !id.equals(golden)).findFirst().orElseThrow();
            Map<String, String> launched = new LinkedHashMap<>();
            launched.put(launch(ec2, golden), "golden " + golden + " (read from " + versionParameter + ")");
            launched.put(launch(ec2, plain), "not golden " + plain + " (an Amazon catalog image)");
            try {
                config.reset();
                Invocation run = aws.functions().invoke(LocalNames.childFunction("EvaluateInstanceComplianceFunction", account),
                        ConfigFake.scheduledEvent(account, Instant.now(), "demo-" + System.nanoTime()));
                if (run.error()) {
                    System.out.printf("   the rule failed: %s%n", run.payloadText());
                    return;
                }
                Map<String, JsonNode> verdicts = new LinkedHashMap<>();
                config.evaluations().forEach(e -> verdicts.put(e.get("ComplianceResourceId").asText(), e));
                launched.forEach((instance, what) -> {
                    JsonNode verdict = verdicts.get(instance);
                    System.out.printf("   %-20s %-14s %s%n     %s%n", instance, verdict == null ? "not evaluated" : verdict.get("ComplianceType").asText(),
                            what, verdict == null ? "" : "\"" + verdict.get("Annotation").asText() + "\"");
                });
                System.out.printf("   (%d PutEvaluations call(s) for the account's %d instance(s))%n", config.calls().size(), verdicts.size());
            } finally {
                ec2.terminateInstances(r -> r.instanceIds(List.copyOf(launched.keySet())));
            }
        }
    }

    private static String launch(Ec2Client ec2, String image) {
        return ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)).instances().get(0).instanceId();
    }
}
