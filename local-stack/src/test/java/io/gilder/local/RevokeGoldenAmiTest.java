package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Invocation;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.ImageDeprecationFake;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * revoke-golden-ami on the local stack, after a real distribution to the two fake child accounts in us-east-1 (the
 * pipeline's region) and eu-west-1: the six places ({@link Places}) are read before and after.
 *
 * <p>What is faked: moto 5.2.5 has no {@code EnableImageDeprecation}; the call goes over HTTP to
 * {@link ImageDeprecationFake} (WireMock), which accepts it and records it. The tests assert which images Gilder asked
 * EC2 to deprecate, where and for when, not that EC2 deprecates them (moto never reports a deprecation time, so "already
 * deprecated" is not exercised here; the domain's unit tests cover it). The child accounts' trust of the withdrawing
 * function's role path is checked on the templates ({@code ChildAccountTrustTest}): moto does not evaluate trust policies.
 */
@ExtendWith(LocalAws.class)
class RevokeGoldenAmiTest {

    private static final Region COPY_REGION = Region.EU_WEST_1;

    @Test
    void revokeTakesTheImageOffEveryLatestListDeprecatesItAndItsCopyAndKeepsTheParameters(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Revoke");
        String keep = Places.keepAnotherImageListedEverywhere(aws);
        String golden = Places.registerAndDistribute(aws, product);
        String copy = copyOf(aws, golden);
        Map<Places.Place, String> parameters = parameters(aws, product);
        Instant started = Instant.now();

        Executions.Result result = revoke(aws, Map.of("imageId", golden, "reason", "critical openssh finding", "mode", "revoke"));

        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        System.out.printf("revoke-golden-ami, %d child accounts x %d regions: %d ms, %d history events%n",
                LocalNames.CHILD_ACCOUNTS.size(), Places.REGIONS.size(), result.took().toMillis(), result.history().size());
        for (Places.Place place : Places.ALL) {
            assertThat(place.latest(aws)).as(place + " /GoldenAMI/latest").doesNotContain(golden, copy).contains(keep);
        }
        assertThat(parameters(aws, product)).as("the version parameters stay (decommission removes them)").isEqualTo(parameters);
        assertDeprecated(aws, golden, "us-east-1", started);
        assertDeprecated(aws, copy, COPY_REGION.id(), started);
        for (String image : List.of(golden, copy)) {
            assertThat(tags(aws, image)).containsEntry("gilder:revocation", "revoke").containsEntry("gilder:revocation-reason",
                    "critical openssh finding").containsEntry("gilder:revoked-by", result.arn()).containsKey("gilder:revoked-at");
        }
        JsonNode manifest = manifest(aws, product);
        assertThat(manifest.at("/revoked/mode").asText()).isEqualTo("revoke");
        assertThat(manifest.at("/revoked/by").asText()).isEqualTo(result.arn());
        assertThat(aws.inbox().await(m -> m.text().contains(result.arn()), Duration.ofSeconds(10))).as("the notice")
                .hasValueSatisfying(mail -> assertThat(mail.text()).contains("Taken off /GoldenAMI/latest")
                        .contains(LocalNames.CHILD_ACCOUNTS.get(0) + "/eu-west-1 " + copy).contains("Deprecated: ").contains(copy));

        int requests = aws.imageDeprecations().requests().size();
        Executions.Result again = revoke(aws, Map.of("imageId", copy, "region", COPY_REGION.id(), "reason", "again, by its copy",
                "mode", "revoke"));

        assertThat(again.status()).as(again.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode withdrawn = Json.read(again.output()).at("/withdrawn/done");
        assertThat(withdrawn).as("nothing left to withdraw").allSatisfy(w -> assertThat(w.get("removed").asBoolean()).isFalse());
        assertThat(withdrawn).hasSize(6);
        assertThat(aws.imageDeprecations().requests().size() - requests).as("the copy stands for its version: both images again")
                .isEqualTo(2);
    }

    @Test
    void aFailedChildTargetIsNamedAndARerunFinishesIt(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("RevPart");
        String golden = Places.registerAndDistribute(aws, product);
        String copy = copyOf(aws, golden);
        Map<String, Object> input = Map.of("imageId", golden, "reason", "failed rescan", "mode", "revoke");
        aws.faults().reset();
        aws.faults().failNth("sts:AssumeRole", 1, "AccessDenied", 403);

        Executions.Result failed = revoke(aws, input);

        aws.faults().reset();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Gilder.RevocationIncomplete");
        assertThat(failed.cause()).containsPattern("withdraw \\d{12}/[a-z]+-[a-z]+-\\d ami-[0-9a-f]+ \\(io.gilder.error.AwsCallFailedException\\)")
                .contains("1 failed").contains("run the same revocation again");
        assertThat(Places.ALL.stream().filter(p -> p.latest(aws).contains(golden) || p.latest(aws).contains(copy)).toList())
                .as("only the failed target still lists the image").hasSize(1);

        Executions.Result again = revoke(aws, input);

        assertThat(again.status()).as(again.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        for (Places.Place place : Places.ALL) {
            assertThat(place.latest(aws)).as(place.toString()).doesNotContain(golden, copy);
        }
    }

    @Test
    void reportModeOnlyMarksAndNotifies(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Report");
        String golden = Places.registerAndDistribute(aws, product);
        String copy = copyOf(aws, golden);
        Map<Places.Place, AccountState> before = Places.states(aws);
        Map<Places.Place, List<String>> listed = latest(aws);

        // No mode: the stack's RevocationMode, whose default is report.
        Executions.Result result = revoke(aws, Map.of("imageId", golden, "reason", "under review", "trigger",
                Map.of("rescanRun", "arn:aws:states:us-east-1:123456789012:execution:gilder-rescan:nightly", "findings", "s3://bucket/f.json")));

        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.statesEntered()).doesNotContain("Deprecate Images", "Withdraw From Latest");
        Places.assertUnchanged(Places.changes(aws, before), "nothing but tags changes");
        assertThat(latest(aws)).isEqualTo(listed);
        assertThat(aws.imageDeprecations().of(golden)).isEmpty();
        assertThat(aws.imageDeprecations().of(copy)).isEmpty();
        assertThat(tags(aws, golden)).containsEntry("gilder:revocation", "report");
        assertThat(tags(aws, copy)).containsEntry("gilder:revocation", "report");
        assertThat(manifest(aws, product).at("/revoked/rescanRun").asText()).endsWith(":nightly");
        assertThat(aws.inbox().await(m -> m.text().contains(result.arn()), Duration.ofSeconds(10))).hasValueSatisfying(
                mail -> assertThat(mail.text()).contains("mode 'report' only marks and notifies").contains("rescan arn:aws:states"));
    }

    @Test
    void aBadRequestNamesItsFieldsAndChangesNothing(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("RevBad");
        String golden = GoldenImages.register(aws, product);
        Map<Places.Place, AccountState> before = Places.states(aws);
        int requests = aws.imageDeprecations().requests().size();

        Executions.Result malformed = revoke(aws, Map.of("imageId", "ami-12", "reason", " ", "mode", "delete", "extra", 1));
        Executions.Result unknown = revoke(aws, Map.of("imageId", "ami-0123456789abcdef0", "reason", "x", "mode", "revoke"));
        Executions.Result copyElsewhere = revoke(aws, Map.of("imageId", golden, "region", "eu-west-1", "reason", "x", "mode", "revoke"));

        for (Executions.Result r : List.of(malformed, unknown, copyElsewhere)) {
            assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(r.error()).isEqualTo("io.gilder.error.InvalidRequestException");
            assertThat(r.statesEntered()).containsExactly("Validate Revocation Request");
        }
        assertThat(malformed.cause()).contains("imageId").contains("reason").contains("mode").contains("extra");
        assertThat(unknown.cause()).contains("imageId ami-0123456789abcdef0 is not an image of this account in us-east-1");
        assertThat(copyElsewhere.cause()).contains("imageId " + golden + " is not an image of this account in eu-west-1");
        Places.assertUnchanged(Places.changes(aws, before), "nothing changed");
        assertThat(tags(aws, golden)).doesNotContainKey("gilder:revocation");
        assertThat(aws.imageDeprecations().requests()).hasSize(requests);
    }

    @Test
    void aFailedRescanPolicyStartsOneRevocationPerRunAndImage(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Rescan");
        String golden = GoldenImages.register(aws, product);
        String run = "arn:aws:states:us-east-1:123456789012:execution:gilder-rescan-golden-amis:" + product;
        Map<String, Object> failing = Map.of("run", run, "image", Map.of("imageId", golden,
                "policy", Map.of("passed", false, "reason", "1 critical finding"), "evidence", Map.of("findings", "s3://gilder-evidence/findings.json")));

        JsonNode passed = invoke(aws, Map.of("run", run, "image", Map.of("imageId", golden, "policy", Map.of("passed", true))));
        JsonNode first = invoke(aws, failing);

        assertThat(passed).isEqualTo(Json.read("{\"skipped\":true}"));
        assertThat(first.get("alreadyStarted").asBoolean()).isFalse();
        assertThat(first.get("executionName").asText()).startsWith("rescan-" + golden + "-");
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            Executions.Result started = Executions.await(sfn, first.get("executionArn").asText(), GoldenImages.RUN);
            assertThat(started.status()).as(started.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Json.read(started.output()).at("/plan/reason").asText()).isEqualTo("1 critical finding");
            assertThat(Json.read(started.output()).at("/plan/rescanRun").asText()).isEqualTo(run);
        }
        // A retry after the execution ended: Step Functions answers ExecutionAlreadyExists; nothing new starts.
        JsonNode retried = invoke(aws, failing);
        assertThat(retried.get("executionArn").asText()).isEqualTo(first.get("executionArn").asText());
        assertThat(retried.get("alreadyStarted").asBoolean()).isTrue();
        assertThat(tags(aws, golden)).containsEntry("gilder:revocation", "report");
    }

    private static JsonNode invoke(LocalStack aws, Object input) {
        Invocation result = aws.functions().invoke("RequestRevocationFunction", Json.write(input).getBytes(StandardCharsets.UTF_8));
        assertThat(result.error()).as(result.payloadText()).isFalse();
        return Json.read(result.payloadText());
    }

    private static void assertDeprecated(LocalStack aws, String image, String region, Instant started) {
        List<ImageDeprecationFake.Deprecation> requests = aws.imageDeprecations().of(image);
        assertThat(requests).as(image).hasSize(1);
        ImageDeprecationFake.Deprecation d = requests.get(0);
        assertThat(d.region()).isEqualTo(region);
        assertThat(d.deprecateAt()).as("EC2 refuses a past time").isAfter(d.requestedAt()).isAfter(started)
                .isBefore(d.requestedAt().plus(Duration.ofMinutes(3)));
        assertThat(d.deprecateAt().getEpochSecond() % 60).as("whole minutes: EC2 rounds seconds").isZero();
    }

    private static Executions.Result revoke(LocalStack aws, Object input) {
        return GoldenImages.run(aws, "RevokeGoldenAmiStateMachine", input);
    }

    private static String copyOf(LocalStack aws, String golden) {
        try (Ec2Client ec2 = new Places.Place(null, COPY_REGION).client(aws, Ec2Client.builder())) {
            return ec2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden)))
                    .images().get(0).imageId();
        }
    }

    private static Map<String, String> tags(LocalStack aws, String image) {
        for (Region region : Places.REGIONS) {
            try (Ec2Client ec2 = new Places.Place(null, region).client(aws, Ec2Client.builder())) {
                var found = ec2.describeImages(r -> r.owners("self").imageIds(image)).images();
                if (!found.isEmpty()) {
                    Map<String, String> tags = new HashMap<>();
                    found.get(0).tags().forEach((Tag t) -> tags.put(t.key(), t.value()));
                    return tags;
                }
            } catch (software.amazon.awssdk.services.ec2.model.Ec2Exception e) {
                // not in this region
            }
        }
        throw new AssertionError("no image " + image);
    }

    private static Map<Places.Place, String> parameters(LocalStack aws, String product) {
        Map<Places.Place, String> values = new HashMap<>();
        for (Places.Place place : Places.ALL) {
            try (SsmClient ssm = place.client(aws, SsmClient.builder())) {
                values.put(place, ssm.getParameter(r -> r.name(GoldenImages.parameter(product))).parameter().value());
            }
        }
        return values;
    }

    private static Map<Places.Place, List<String>> latest(LocalStack aws) {
        Map<Places.Place, List<String>> lists = new HashMap<>();
        Places.ALL.forEach(p -> lists.put(p, p.latest(aws)));
        return lists;
    }

    private static JsonNode manifest(LocalStack aws, String product) {
        try (S3Client s3 = aws.inspector(S3Client.builder().forcePathStyle(true))) {
            return Json.read(s3.getObjectAsBytes(r -> r.bucket(aws.deployment().ref("EvidenceBucket"))
                    .key("distributions/" + GoldenImages.OS + "/" + product + "/1.json")).asUtf8String());
        }
    }
}
