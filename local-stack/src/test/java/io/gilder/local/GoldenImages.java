package io.gilder.local;

import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Fixtures of the tests of the workflows that start from a registered golden image (distribute, decommission): the
 * image as a build leaves it, a distribution request to the fake child accounts, and a run of a state machine.
 */
final class GoldenImages {

    /** How long one workflow run may take on the local stack. */
    static final Duration RUN = Duration.ofMinutes(3);
    static final String OS = "AmazonLinux-2023";

    private GoldenImages() {}

    /** A product name no other test uses, e.g. {@code Dist1a2b3c4d-1.0}. */
    static String uniqueProduct(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8) + "-1.0";
    }

    /** {@code /GoldenAMI/AmazonLinux-2023/<product>/1}, where build version 1 of {@code product} is registered. */
    static String parameter(String product) {
        return "/GoldenAMI/" + OS + "/" + product + "/1";
    }

    /**
     * A golden image as a build leaves it in the pipeline account's own region: an available EBS image tagged Golden
     * and its parameter {@link #parameter(String)}.
     */
    static String register(LocalStack aws, String product) {
        return LocalImages.registerGolden(aws, product, parameter(product));
    }

    /** The execution input distributing build 1 of {@code product} to every fake child account in {@code regions}. */
    static Map<String, Object> distribution(String product, List<String> regions) {
        return Map.of("productName", product, "productOSAndVersion", OS, "buildVersion", "1",
                "targets", LocalNames.CHILD_ACCOUNTS.stream().map(a -> Map.of("accountId", a, "regions", regions)).toList());
    }

    /** Runs the state machine deployed as {@code logicalId} with {@code input} and waits for its end. */
    static Executions.Result run(LocalStack aws, String logicalId, Object input) {
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            return Executions.run(sfn, aws.deployment().ref(logicalId), logicalId + "-" + UUID.randomUUID(), Json.write(input), RUN);
        }
    }
}
