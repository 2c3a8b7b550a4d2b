package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gilder.local.emulator.Gateway;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Issue 16 end to end: the real state machines on a stack deployed with {@code ImageEncryption=CustomerManagedKey}, a
 * key per region ({@code ImageKmsKeyArn} in the pipeline region, {@code RegionKmsKeyArns} for eu-west-1), in a pipeline
 * account that encrypts EBS by default. Its own stack, because these are stack parameters.
 *
 * <ol>
 *   <li>Before the keys exist, a build is refused at "Validate Build Request" naming the parameter, the key and the KMS
 *       call, and launches nothing.</li>
 *   <li>With the keys, a build runs to a golden image (scanner none, approved through the page), then the image goes to
 *       both child accounts in both regions, then decommission leaves nothing in any of the six places.</li>
 * </ol>
 *
 * <p>What moto ignores is asserted on the requests the functions sent, as they reached the local endpoint
 * ({@link Gateway#watch}): the builder's root volume asked for with {@code Encrypted=true} and the image key
 * ({@code RunInstances}), and each copy asked for with {@code Encrypted=true} and its region's key ({@code CopyImage}).
 * moto gives every image an unencrypted snapshot of its own (whatever the volume or the snapshot registered), so no image
 * here is encrypted and "Share Image" makes no KMS grant: grants are covered by {@code EncryptedImagesAdaptersTest} on
 * moto's KMS and by the unit tests; this test checks that none is left after decommission all the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EncryptedStackTest {

    private static final String HOME = LocalNames.REGION;
    private static final String OTHER = "eu-west-1";

    private LocalStack aws;
    private long started;
    private final Map<String, String> keyIn = new HashMap<>();

    /** The alias ARN the stack parameters name in {@code region}: moto names keys randomly, so the test makes the alias. */
    private static String alias(String region) {
        return "arn:aws:kms:" + region + ":" + LocalNames.ACCOUNT + ":alias/gilder-test-images";
    }

    @BeforeAll
    void start() {
        started = System.nanoTime();
        aws = LocalStack.start(LocalStack.Options.defaults(LocalAws.root())
                .withParameter("ImageEncryption", "CustomerManagedKey").withParameter("ImageKmsKeyArn", alias(HOME))
                .withParameter("RegionKmsKeyArns", OTHER + "=" + alias(OTHER))
                .withParameter("ScannerType", "none").withParameter("AllowUnscannedImages", "true"));
        aws.gateway().watch("ec2:RunInstances");
        aws.gateway().watch("ec2:CopyImage");
    }

    @AfterAll
    void stop() {
        if (aws != null) {
            aws.close();
        }
        System.out.printf("EncryptedStackTest: stack start, refusal, build, distribution, decommission and stop in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    private ObjectNode buildRequest(Ec2Client ec2) throws Exception {
        ObjectNode request = (ObjectNode) Json.read(Files.readString(LocalAws.root().resolve("events/build-golden-ami/default.json")));
        request.put("sourceAmiId", LocalImages.amazonLinux(ec2));
        request.put("scanner", "none");
        request.put("allowUnscanned", true);
        request.put("productName", GoldenImages.uniqueProduct("Sealed"));
        request.put("buildVersion", "1");
        return request;
    }

    @Test
    @Order(1)
    void aBuildWithAnImageKeyThatDoesNotExistIsRefusedNamingItBeforeAnythingIsLaunched() throws Exception {
        try (SfnClient sfn = aws.client(SfnClient.builder()); Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            AccountState before = AccountState.of(aws);

            Executions.Result result = Executions.run(sfn, aws.deployment().ref("BuildGoldenAmiStateMachine"),
                    "encrypted-refusal-" + System.nanoTime(), Json.write(buildRequest(ec2)), Duration.ofMinutes(2));

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).contains("InvalidRequestException");
            assertThat(result.cause()).contains("ImageKmsKeyArn").contains(alias(HOME)).contains("kms:DescribeKey");
            assertThat(result.statesEntered()).contains("Validate Build Request").doesNotContain("Launch Builder Instance");
            assertThat(aws.gateway().calls("ec2:RunInstances")).isEmpty();
            assertThat(AccountState.of(aws).newSince(before)).isEmpty();
        }
    }

    @Test
    @Order(2)
    void inAnAccountEncryptingByDefaultABuildIsDistributedWithAKeyPerRegionAndDecommissionLeavesNothing() throws Exception {
        for (String region : List.of(HOME, OTHER)) {
            try (KmsClient kms = aws.clientInAccount(LocalNames.ACCOUNT, KmsClient.builder(), Region.of(region))) {
                String key = kms.createKey(r -> r.description("Gilder test image key, " + region)).keyMetadata().arn();
                kms.createAlias(r -> r.aliasName("alias/gilder-test-images").targetKeyId(key));
                keyIn.put(region, key);
            }
        }
        Map<Places.Place, AccountState> before = Places.states(aws);
        try (Ec2Client ec2 = aws.client(Ec2Client.builder()); Builds builds = new Builds(aws)) {
            ec2.enableEbsEncryptionByDefault(r -> {});
            ec2.modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId(keyIn.get(HOME)));
            ObjectNode request = buildRequest(ec2);
            String product = request.get("productName").asText();

            String arn = builds.start("encrypted-build-" + System.nanoTime(), request);
            String link = builds.awaitApprovalMail(arn, product, GoldenImages.RUN).orElseThrow(() -> new AssertionError(
                    "no approval e-mail; execution ended: " + builds.await(arn, Duration.ofSeconds(5)).cause())).link().orElseThrow();
            assertThat(builds.decide(link, "APPROVED", "Kim Key", "encrypted").statusCode()).isEqualTo(200);
            Executions.Result built = builds.await(arn, GoldenImages.RUN);

            assertThat(built.status()).as(built.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<Gateway.Call> launches = aws.gateway().calls("ec2:RunInstances");
            assertThat(launches).as("builder and test instance").isNotEmpty();
            Map<String, String> builder = form(launches.get(0).body());
            assertThat(builder).as("the builder's root volume").containsEntry("BlockDeviceMapping.1.Ebs.Encrypted", "true");
            assertThat(builder.get("BlockDeviceMapping.1.Ebs.KmsKeyId")).as("the image key").isIn(alias(HOME), keyIn.get(HOME));

            Executions.Result distributed = GoldenImages.run(aws, "DistributeGoldenAmiStateMachine", Map.of("productName", product,
                    "productOSAndVersion", GoldenImages.OS, "buildVersion", "1", "targets", LocalNames.CHILD_ACCOUNTS.stream()
                            .map(a -> Map.of("accountId", a, "regions", List.of(HOME, OTHER))).toList()));

            assertThat(distributed.status()).as(distributed.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<Gateway.Call> copies = aws.gateway().calls("ec2:CopyImage");
            assertThat(copies).as("one copy, to " + OTHER + " (a retry with the same token would be a second request)").isNotEmpty()
                    .allSatisfy(copy -> {
                        Map<String, String> asked = form(copy.body());
                        assertThat(copy.region()).isEqualTo(OTHER);
                        assertThat(asked).containsEntry("Encrypted", "true").containsEntry("SourceRegion", HOME);
                        assertThat(asked.get("KmsKeyId")).as("the key of " + OTHER).isIn(alias(OTHER), keyIn.get(OTHER));
                    });
            Map<Places.Place, List<String>> reached = Places.changes(aws, before);
            assertThat(reached).as("the version's parameter in all six places").allSatisfy((place, lines) -> assertThat(lines)
                    .as(place.toString()).anyMatch(line -> line.startsWith("parameter /GoldenAMI/" + GoldenImages.OS + "/" + product + "/1")));

            Executions.Result retired = Places.decommission(aws, product, false);

            assertThat(retired.status()).as(retired.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            Places.assertUnchanged(Places.changes(aws, before), "no image, copy, snapshot, volume, instance or parameter left");
            for (String region : List.of(HOME, OTHER)) {
                try (KmsClient kms = aws.clientInAccount(LocalNames.ACCOUNT, KmsClient.builder(), Region.of(region))) {
                    assertThat(kms.listGrants(r -> r.keyId(keyIn.get(region))).grants()).as("grants on the key of " + region)
                            .noneMatch(g -> g.name() != null && g.name().startsWith("gilder-"));
                }
            }
            assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
                    .values("pending", "running").build())).reservations()).isEmpty();
        }
    }

    /** A query-protocol request body as its parameters. */
    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
