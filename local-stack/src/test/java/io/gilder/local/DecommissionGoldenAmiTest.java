package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * decommission-golden-ami on the local stack, after a real distribution to the two fake child accounts in
 * us-east-1 (the pipeline's region) and eu-west-1: what the two workflows leave in each of the six places (the
 * pipeline account and each child account, in both regions) is compared with what was there before.
 *
 * <p>What moto fakes is not asserted. It launches an instance from any image id without checking the image (a
 * child account can launch the shared copy in AWS thanks to its launch permission, but moto keeps shared images
 * invisible to the other account): the test launches one in a child account with that account's own credentials
 * and asserts only what the pipeline's usage check finds there through the cross-account role. Service Catalog is
 * the local stack's fake over HTTP (moto lacks provisioning artifacts): what is asserted is that Gilder's calls leave
 * no product version behind, not Service Catalog itself.
 */
@ExtendWith(LocalAws.class)
class DecommissionGoldenAmiTest {

    private static final List<Region> REGIONS = Places.REGIONS;
    private static final Places.Place PIPELINE_HOME = Places.PIPELINE_HOME;
    private static final List<Places.Place> PLACES = Places.ALL;

    @Test
    void aDistributedImageIsRemovedEverywhereAndASecondDecommissionFindsNothing(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Retire");
        String keep = Places.keepAnotherImageListedEverywhere(aws);
        Map<Places.Place, AccountState> before = Places.states(aws);
        String golden = Places.registerAndDistribute(aws, product);
        String templateKey = "templates/" + GoldenImages.OS + "/" + product + "/1/product.yaml";
        String manifestKey = "distributions/" + GoldenImages.OS + "/" + product + "/1.json";
        String catalogProduct = product + "-" + GoldenImages.OS;
        assertThat(aws.serviceCatalog().productsNamed(catalogProduct)).as("published by the distribution").hasSize(1);
        try (S3Client s3 = s3(aws)) {
            assertThat(exists(s3, evidenceBucket(aws), templateKey)).as("versioned template published").isTrue();
        }
        Map<Places.Place, List<String>> distributed = Places.changes(aws, before);
        assertThat(distributed).as("the version's parameter in every place").allSatisfy((place, lines) ->
                assertThat(lines).as(place.toString()).anyMatch(line -> line.startsWith("parameter " + GoldenImages.parameter(product))));
        for (Region region : REGIONS) {
            assertThat(distributed.get(new Places.Place(null, region))).as("pipeline account, " + region)
                    .anyMatch(line -> line.startsWith("image: ")).anyMatch(line -> line.startsWith("snapshot: "));
        }

        Executions.Result result = Places.decommission(aws, product, false);

        assertThat(result.status()).as(result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        System.out.printf("decommission-golden-ami, %d child accounts x %d regions: %d ms, %d history events%n",
                LocalNames.CHILD_ACCOUNTS.size(), REGIONS.size(), result.took().toMillis(), result.history().size());
        Places.assertUnchanged(Places.changes(aws, before), "no image, snapshot or parameter left; /GoldenAMI/latest as before");
        for (Places.Place place : PLACES) {
            assertThat(place.latest(aws)).as(place + ": the other entry is kept").contains(keep).doesNotContain(golden);
        }
        assertThat(aws.serviceCatalog().productsNamed(catalogProduct)).as("its only version gone, so the product too").isEmpty();
        try (S3Client s3 = s3(aws)) {
            assertThat(exists(s3, evidenceBucket(aws), templateKey)).as("versioned template").isFalse();
            JsonNode manifest = Json.read(s3.getObjectAsBytes(r -> r.bucket(evidenceBucket(aws)).key(manifestKey)).asUtf8String());
            assertThat(manifest.at("/decommissioned/by").asText()).isEqualTo(result.arn());
            assertThat(manifest.at("/sourceImageId").asText()).as("the record is kept").isEqualTo(golden);
        }

        Executions.Result again = Places.decommission(aws, product, false);

        assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(again.error()).isEqualTo("io.gilder.error.NothingToDecommissionException");
        assertThat(again.cause()).contains(GoldenImages.parameter(product)).contains("already decommissioned").contains(result.arn());
        assertThat(again.statesEntered()).containsExactly("Validate Decommission Request");
    }

    /**
     * Issue 15: decommission and distribution of one version exclude each other through the version lock they share with
     * revocation. Both start at once on a distributed version; the one that takes the lock first runs to its end, the
     * other fails on "Lock Version" with VersionLockedException naming the holder before it changed anything, and no
     * lock is left. Whoever won, the places agree with it: all of the version gone, or all of it still there.
     */
    @Test
    void aDecommissionAndADistributionOfOneVersionAtOnceRunOneAtATime(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("RaceRetire");
        String golden = Places.registerAndDistribute(aws, product);
        String parameter = GoldenImages.parameter(product);
        // The winner keeps the lock 6 s longer at its end (its release, the only DeleteItem, is slowed), so the two always
        // meet at the lock whichever is faster (see DistributeGoldenAmiTest's race with a revocation).
        aws.faults().reset();
        aws.faults().slow("dynamodb:DeleteItem", java.time.Duration.ofSeconds(6));
        Executions.Result decommissioned;
        Executions.Result distributed;
        try (software.amazon.awssdk.services.sfn.SfnClient sfn = aws.inspector(software.amazon.awssdk.services.sfn.SfnClient.builder())) {
            String d = Executions.start(sfn, aws.deployment().ref("DecommissionGoldenAmiStateMachine"), "race-x-" + java.util.UUID.randomUUID(),
                    Json.write(Map.of("productName", product, "productOSAndVersion", GoldenImages.OS, "buildVersion", "1", "force", false)));
            String r = Executions.start(sfn, aws.deployment().ref("DistributeGoldenAmiStateMachine"), "race-d-" + java.util.UUID.randomUUID(),
                    Json.write(GoldenImages.distribution(product, REGIONS.stream().map(Region::id).toList())));
            decommissioned = Executions.await(sfn, d, GoldenImages.RUN);
            distributed = Executions.await(sfn, r, GoldenImages.RUN);
        } finally {
            aws.faults().reset();
        }

        List<Executions.Result> stopped = java.util.stream.Stream.of(decommissioned, distributed)
                .filter(r -> "io.gilder.error.VersionLockedException".equals(r.error())).toList();
        assertThat(stopped).as("exactly one stops on the lock (decommission: %s %s; distribution: %s %s)", decommissioned.status(),
                decommissioned.error(), distributed.status(), distributed.error()).hasSize(1);
        Executions.Result loser = stopped.get(0);
        Executions.Result winner = loser == decommissioned ? distributed : decommissioned;
        System.out.printf("race: %s won, %s stopped on the lock%n", winner == decommissioned ? "decommission" : "distribution",
                loser == decommissioned ? "decommission" : "distribution");
        assertThat(winner.status()).as(winner.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(loser.cause()).contains(winner.arn());
        assertThat(loser.statesEntered()).as("nothing after the lock").last().isEqualTo("Lock Version");

        for (Places.Place place : PLACES) {
            try (software.amazon.awssdk.services.ssm.SsmClient ssm = place.client(aws, software.amazon.awssdk.services.ssm.SsmClient.builder())) {
                boolean present = !ssm.getParametersByPath(r -> r.path("/GoldenAMI/" + GoldenImages.OS + "/" + product).recursive(true))
                        .parameters().isEmpty();
                assertThat(present).as(place + ": the version's parameter after the " + (winner == decommissioned ? "decommission" : "distribution"))
                        .isEqualTo(winner == distributed);
            }
        }
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            assertThat(ec2.describeImages(r -> r.owners("self").filters(f -> f.name("image-id").values(golden))).images())
                    .as("the golden image").hasSize(winner == distributed ? 1 : 0);
        }
        try (software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo = aws.client(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder())) {
            assertThat(dynamo.getItem(r -> r.tableName(aws.deployment().ref("ApprovalsTable")).consistentRead(true)
                    .key(Map.of("approvalKey", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("lock#" + parameter))))
                    .hasItem()).as("the lock is released").isFalse();
        }
        if (winner == distributed) {
            assertThat(Places.decommission(aws, product, false).status()).as("clean up").isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void anInstanceOfTheImageInAChildAccountStopsTheDecommissionUnlessForced(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("InUse");
        Map<Places.Place, AccountState> before = Places.states(aws);
        String golden = Places.registerAndDistribute(aws, product);
        Places.Place child = new Places.Place(LocalNames.CHILD_ACCOUNTS.get(1), Region.EU_WEST_1);
        String copy;
        try (Ec2Client ec2 = new Places.Place(null, Region.EU_WEST_1).client(aws, Ec2Client.builder())) {
            copy = ec2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden)))
                    .images().get(0).imageId();
        }
        String instance;
        try (Ec2Client ec2 = child.client(aws, Ec2Client.builder())) {
            instance = ec2.runInstances(r -> r.imageId(copy).instanceType("t3.micro").minCount(1).maxCount(1)).instances().get(0).instanceId();
        }
        try {
            Map<Places.Place, AccountState> distributed = Places.states(aws);

            Executions.Result refused = Places.decommission(aws, product, false);

            assertThat(refused.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(refused.error()).isEqualTo("io.gilder.error.ImageInUseException");
            assertThat(refused.cause()).contains(child.account() + "/eu-west-1/" + instance).contains("force");
            assertThat(refused.statesEntered()).containsExactly("Validate Decommission Request", "Lock Version", "Check Image Usage",
                    "Unlock Version After Failure", "Decommission Incomplete");
            Places.assertUnchanged(Places.changes(aws, distributed), "nothing removed");

            Executions.Result forced = Places.decommission(aws, product, true);

            assertThat(forced.status()).as(forced.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode usage = Json.read(forced.output()).at("/usage");
            assertThat(usage.at("/total").asInt()).isEqualTo(1);
            assertThat(usage.at("/forced").asBoolean()).isTrue();
            Map<Places.Place, List<String>> left = Places.changes(aws, before);
            // The instance and its root volume are the user's to stop and delete.
            assertThat(left.get(child)).as("the instance is the user's to stop").hasSize(2)
                    .contains("instance not terminated: " + instance).anyMatch(line -> line.startsWith("volume left: vol-"));
            left.remove(child);
            Places.assertUnchanged(left, "nothing else left");
        } finally {
            try (Ec2Client ec2 = child.client(aws, Ec2Client.builder())) {
                ec2.terminateInstances(r -> r.instanceIds(instance));
            }
        }
    }

    @Test
    void aChildAccountThatFailsKeepsEveryImageAndARunAgainFinishes(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Partial");
        Map<Places.Place, AccountState> before = Places.states(aws);
        String golden = Places.registerAndDistribute(aws, product);
        int childPlaces = LocalNames.CHILD_ACCOUNTS.size() * REGIONS.size();

        Executions.Result partial;
        aws.faults().reset();
        try {
            // The usage check assumes the child role once per child account and region, then each child registration once.
            aws.faults().failNth("sts:AssumeRole", childPlaces + 1, "AccessDenied", 403);
            partial = Places.decommission(aws, product, false);
            assertThat(aws.faults().fired()).as("the fault was injected").hasSize(1);
        } finally {
            aws.faults().reset();
        }

        assertThat(partial.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(partial.error()).isEqualTo("Gilder.DecommissionIncomplete");
        assertThat(partial.cause()).matches("child registrations not removed: \\[\"\\d{12}/[a-z0-9-]+ "
                + "\\(io\\.gilder\\.error\\.AwsCallFailedException\\)\"\\] - every image is kept.*run the same decommission again.*");
        assertThat(partial.statesEntered()).contains("Remove Child Registrations")
                .doesNotContain("Remove Regional Copies", "Remove Pipeline Records");
        Map<Places.Place, List<String>> kept = Places.changes(aws, before);
        for (Region region : REGIONS) {
            assertThat(kept.get(new Places.Place(null, region))).as("pipeline images in " + region).anyMatch(line -> line.startsWith("image: "));
        }
        assertThat(PIPELINE_HOME.latest(aws)).as("registry entries in the pipeline account").contains(golden);

        Executions.Result rerun = Places.decommission(aws, product, false);

        assertThat(rerun.status()).as(rerun.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Places.assertUnchanged(Places.changes(aws, before), "nothing left after the second run");
    }

    @Test
    void aBadRequestNamesEveryBadFieldBeforeAnythingIsRemoved(LocalStack aws) {
        Executions.Result result = GoldenImages.run(aws, "DecommissionGoldenAmiStateMachine", Map.of("productName", "Web Server",
                "productOSAndVersion", GoldenImages.OS, "buildVersion", "one", "force", "yes"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.InvalidRequestException");
        assertThat(result.cause()).contains("productName").contains("buildVersion").contains("force");
        assertThat(result.statesEntered()).containsExactly("Validate Decommission Request");
    }







    private static S3Client s3(LocalStack aws) {
        return aws.inspector(S3Client.builder().forcePathStyle(true));
    }

    private static String evidenceBucket(LocalStack aws) {
        return aws.deployment().ref("EvidenceBucket");
    }

    private static boolean exists(S3Client s3, String bucket, String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
