package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.local.emulator.Json;
import io.gilder.local.emulator.LocalNames;
import io.gilder.local.fakes.PublicAccessBlockFake;
import io.gilder.local.fakes.ServiceCatalogFake;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * distribute-golden-ami on the local stack: a registered golden image goes to two fake child
 * accounts in two regions. What moto cannot show is not asserted: shared images stay invisible to
 * the target accounts there, so the test checks the launch permission and the child parameters, not
 * that a child can launch the image.
 */
@ExtendWith(LocalAws.class)
class DistributeGoldenAmiTest {

    private static final List<String> ACCOUNTS = LocalNames.CHILD_ACCOUNTS;

    @Test
    void aGoldenImageReachesEveryAccountAndRegionAndARerunAddsNothing(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Dist");
        String parameter = GoldenImages.parameter(product);
        String golden = GoldenImages.register(aws, product);
        Map<String, Object> input = GoldenImages.distribution(product, List.of("us-east-1", "eu-west-1"));

        Executions.Result first = run(aws, input);

        assertThat(first.status()).as(first.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        try (Ec2Client euEc2 = RegionalClients.client(aws, Ec2Client.builder(), Region.EU_WEST_1);
                SsmClient euSsm = RegionalClients.client(aws, SsmClient.builder(), Region.EU_WEST_1)) {
            var copies = euEc2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden))).images();
            assertThat(copies).hasSize(1);
            String copy = copies.get(0).imageId();
            assertThat(copies.get(0).tags()).contains(Tag.builder().key("AMI-Type").value("Golden").build());
            assertThat(euEc2.describeImageAttribute(r -> r.imageId(copy).attribute("launchPermission")).launchPermissions())
                    .extracting(p -> p.userId()).containsExactlyInAnyOrderElementsOf(ACCOUNTS);
            assertThat(euSsm.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(copy);

            Map<Region, String> imageIn = Map.of(Region.US_EAST_1, golden, Region.EU_WEST_1, copy);
            imageIn.forEach((region, image) -> ACCOUNTS.forEach(account -> {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder(), region)) {
                    assertThat(child.getParameter(r -> r.name(parameter)).parameter().value()).as(account + " " + region).isEqualTo(image);
                    assertThat(child.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")).contains(image);
                }
            }));
            var products = aws.serviceCatalog().productsNamed(product + "-AmazonLinux-2023");
            assertThat(products).as("one Service Catalog product").hasSize(1);
            assertThat(aws.serviceCatalog().artifacts(products.get(0).id())).extracting(ServiceCatalogFake.Artifact::name)
                    .containsExactly("1");

            Executions.Result again = run(aws, input);
            assertThat(again.status()).as(again.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(euEc2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden))).images())
                    .as("no second copy").hasSize(1);
            for (String account : ACCOUNTS) {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder())) {
                    assertThat(List.of(child.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(",")))
                            .as("listed once in " + account).containsOnlyOnce(golden);
                }
            }
            assertThat(aws.serviceCatalog().artifacts(products.get(0).id())).as("no second version").hasSize(1);
        }
    }

    @Test
    void aFailedTargetIsNamedAndARerunFinishesIt(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Part");
        String parameter = "/GoldenAMI/AmazonLinux-2023/" + product + "/1";
        LocalImages.registerGolden(aws, product, parameter);
        Map<String, Object> input = twoByTwo(product, "1");
        aws.faults().reset();
        aws.faults().failNth("sts:AssumeRole", 1, "AccessDenied", 403);

        Executions.Result failed = run(aws, input);

        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("io.gilder.error.DistributionIncompleteException");
        assertThat(failed.cause()).containsPattern("failed targets: \\d{12}/[a-z]+-[a-z]+-\\d \\([^)]*AccessDenied")
                .contains("1 of 4 targets failed");
        aws.faults().reset();

        Executions.Result again = run(aws, input);

        assertThat(again.status()).as(again.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        for (Region region : List.of(Region.US_EAST_1, Region.EU_WEST_1)) {
            for (String account : ACCOUNTS) {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder(), region)) {
                    assertThat(child.getParameter(r -> r.name(parameter)).parameter().value()).as(account + " " + region).startsWith("ami-");
                }
            }
        }
    }

    @Test
    void twoDistributionsAtOnceKeepEveryLatestListExact(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Both");
        String first = LocalImages.registerGolden(aws, product, "/GoldenAMI/AmazonLinux-2023/" + product + "/1");
        String second = LocalImages.registerGolden(aws, product, "/GoldenAMI/AmazonLinux-2023/" + product + "/2");

        Executions.Result[] results = new Executions.Result[2];
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            String machine = aws.deployment().ref("DistributeGoldenAmiStateMachine");
            String a = Executions.start(sfn, machine, "both-1-" + UUID.randomUUID(), Json.write(twoByTwo(product, "1")));
            String b = Executions.start(sfn, machine, "both-2-" + UUID.randomUUID(), Json.write(twoByTwo(product, "2")));
            results[0] = Executions.await(sfn, a, GoldenImages.RUN);
            results[1] = Executions.await(sfn, b, GoldenImages.RUN);
        }

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED));
        for (Region region : List.of(Region.US_EAST_1, Region.EU_WEST_1)) {
            List<String> images = region == Region.US_EAST_1 ? List.of(first, second) : copiesOf(aws, region, first, second);
            for (String account : ACCOUNTS) {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder(), region)) {
                    List<String> latest = List.of(child.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","));
                    images.forEach(image -> assertThat(latest).as(account + " " + region).containsOnlyOnce(image));
                }
            }
            try (SsmClient pipeline = RegionalClients.client(aws, SsmClient.builder(), region)) {
                List<String> latest = List.of(pipeline.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","));
                if (region != Region.US_EAST_1) { // the build registers the home region's entry, not distribution
                    images.forEach(image -> assertThat(latest).as("pipeline " + region).containsOnlyOnce(image));
                }
            }
        }
    }

    /**
     * Issue 15: distribution and revocation of one version exclude each other. Both start at once; whichever takes the
     * version lock first runs to its end, the other fails on "Lock Version" with VersionLockedException naming the
     * holder, before it changed anything; no lock is left behind.
     */
    @Test
    void aDistributionAndARevocationOfOneVersionAtOnceRunOneAtATime(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Race");
        String parameter = "/GoldenAMI/AmazonLinux-2023/" + product + "/1";
        String golden = LocalImages.registerGolden(aws, product, parameter);
        String account = ACCOUNTS.get(0);
        Map<String, Object> distribution = Map.of("productName", product, "productOSAndVersion", "AmazonLinux-2023", "buildVersion", "1",
                "targets", List.of(Map.of("accountId", account, "regions", List.of("us-east-1", "eu-west-1"))));
        Map<String, Object> revocation = Map.of("imageId", golden, "reason", "race test", "mode", "revoke");
        // The winner keeps the lock for 6 s more at its end (its release, the only DeleteItem here, is slowed): far longer
        // than the loser can lag behind in reaching "Lock Version" (one cold function container, about 2 s here), so the
        // two always meet at the lock, whichever is faster. Real distributions hold it for many minutes.
        aws.faults().reset();
        aws.faults().slow("dynamodb:DeleteItem", java.time.Duration.ofSeconds(6));

        Executions.Result distributed;
        Executions.Result revoked;
        try (SfnClient sfn = aws.inspector(SfnClient.builder())) {
            String d = Executions.start(sfn, aws.deployment().ref("DistributeGoldenAmiStateMachine"), "race-d-" + UUID.randomUUID(),
                    Json.write(distribution));
            String r = Executions.start(sfn, aws.deployment().ref("RevokeGoldenAmiStateMachine"), "race-r-" + UUID.randomUUID(),
                    Json.write(revocation));
            distributed = Executions.await(sfn, d, GoldenImages.RUN);
            revoked = Executions.await(sfn, r, GoldenImages.RUN);
        } finally {
            aws.faults().reset();
        }

        for (Executions.Result r : List.of(distributed, revoked)) {
            java.time.Instant begun = r.history().get(0).timestamp();
            System.out.printf("race: %s %s %s; started %s; state entered after (ms): %s%n", r.arn().substring(r.arn().lastIndexOf(':') + 1),
                    r.status(), r.error(), begun, r.history().stream().filter(e -> e.stateEnteredEventDetails() != null)
                            .map(e -> e.stateEnteredEventDetails().name() + "+" + java.time.Duration.between(begun, e.timestamp()).toMillis())
                            .toList());
        }
        List<Executions.Result> stopped = java.util.stream.Stream.of(distributed, revoked)
                .filter(r -> "io.gilder.error.VersionLockedException".equals(r.error())).toList();
        assertThat(stopped).as("exactly one stops on the lock (distribution: %s %s; revocation: %s %s)", distributed.status(),
                distributed.error(), revoked.status(), revoked.error()).hasSize(1);
        Executions.Result loser = stopped.get(0);
        Executions.Result winner = loser == distributed ? revoked : distributed;
        assertThat(winner.status()).as(winner.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(loser.cause()).contains(winner.arn());
        assertThat(loser.statesEntered()).as("nothing after the lock").last().isEqualTo("Lock Version");
        assertThat(loser.statesEntered()).doesNotContain("Record Distribution Plan", "Mark Revoked Image");

        Map<String, String> tags = new java.util.HashMap<>();
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder())) {
            ec2.describeImages(r -> r.imageIds(golden)).images().get(0).tags().forEach(tag -> tags.put(tag.key(), tag.value()));
        }
        try (SsmClient child = aws.clientInAccount(account, SsmClient.builder())) {
            if (winner == distributed) {
                assertThat(child.getParameter(r -> r.name(parameter)).parameter().value()).isEqualTo(golden);
                assertThat(tags).as("the revocation marked nothing").doesNotContainKey("gilder:revocation");
            } else {
                assertThat(tags).containsEntry("gilder:revocation", "revoke");
                assertThat(child.getParametersByPath(r -> r.path("/GoldenAMI/AmazonLinux-2023/" + product).recursive(true)).parameters())
                        .as("the distribution published nothing").isEmpty();
            }
        }
        try (DynamoDbClient dynamo = aws.client(DynamoDbClient.builder())) {
            assertThat(dynamo.getItem(r -> r.tableName(aws.deployment().ref("ApprovalsTable")).consistentRead(true)
                    .key(Map.of("approvalKey", AttributeValue.fromS("lock#" + parameter)))).hasItem()).as("the lock is released").isFalse();
        }
    }

    private static List<String> copiesOf(LocalStack aws, Region region, String... sources) {
        try (Ec2Client ec2 = RegionalClients.client(aws, Ec2Client.builder(), region)) {
            return java.util.Arrays.stream(sources).map(source -> ec2.describeImages(r -> r.owners("self")
                    .filters(f -> f.name("tag:gilder:source-image").values(source))).images().get(0).imageId()).toList();
        }
    }

    private static Map<String, Object> twoByTwo(String product, String version) {
        return Map.of("productName", product, "productOSAndVersion", "AmazonLinux-2023", "buildVersion", version,
                "targets", ACCOUNTS.stream().map(a -> Map.of("accountId", a, "regions", List.of("us-east-1", "eu-west-1"))).toList());
    }

    @Test
    void aBadRequestNamesItsFieldsBeforeAnythingIsCopied(LocalStack aws) {
        Executions.Result result = run(aws, Map.of("productName", "Nothing-1.0", "productOSAndVersion", "AmazonLinux-2023",
                "buildVersion", "1", "targets", List.of(Map.of("accountId", "12345", "regions", List.of("mars-north-1")))));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.InvalidRequestException");
        assertThat(result.cause()).contains("targets[0].accountId").contains("targets[0].regions[0]");
        assertThat(result.statesEntered()).containsExactly("Validate Distribution Request");
    }

    @Test
    void anAccountOutsideTheAllowlistIsRefusedBeforeAnythingIsCopiedSharedOrRecorded(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Foreign");
        String golden = GoldenImages.register(aws, product);
        String stranger = "333333333333";
        Map<String, Object> input = Map.of("productName", product, "productOSAndVersion", GoldenImages.OS, "buildVersion", "1",
                "targets", List.of(Map.of("accountId", ACCOUNTS.get(0), "regions", List.of("eu-west-1")),
                        Map.of("accountId", stranger, "regions", List.of("eu-west-1", "us-east-1"))));

        Executions.Result result = run(aws, input);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.InvalidRequestException");
        assertThat(result.cause()).contains("targets[1].accountId names " + stranger)
                .contains("not in the stack's DistributionAllowedAccounts").doesNotContain("targets[0]");
        assertThat(result.statesEntered()).containsExactly("Validate Distribution Request");
        assertNothingLeftFor(aws, product, golden);
    }

    @Test
    void blockPublicAccessOffInATargetRegionRefusesTheDistributionBeforeAnythingIsCopied(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Open");
        String golden = GoldenImages.register(aws, product);
        aws.publicAccessBlocks().unblock(PublicAccessBlockFake.Kind.SNAPSHOTS, "eu-west-1");
        try {
            Executions.Result result = run(aws, GoldenImages.distribution(product, List.of("us-east-1", "eu-west-1")));

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("io.gilder.error.PublicSharingRefusedException");
            assertThat(result.cause()).contains("block public access for snapshots is 'unblocked' in eu-west-1")
                    .doesNotContain("in us-east-1");
            assertThat(result.statesEntered()).containsExactly("Validate Distribution Request");
            assertNothingLeftFor(aws, product, golden);
        } finally {
            aws.publicAccessBlocks().reset();
        }
    }

    /**
     * An image registered before snapshots were tagged at CreateImage: its snapshot lacks AMI-Type=Golden, so sharing it
     * would fail AccessDenied halfway in AWS (ShareGilderImages). Validation names the snapshot and the upgrade step.
     */
    @Test
    void anImageWhoseSnapshotLacksTheGoldenTagIsRefusedNamingItBeforeAnythingIsCopied(LocalStack aws) {
        String product = GoldenImages.uniqueProduct("Untagged");
        String golden = GoldenImages.register(aws, product);
        String snapshot;
        try (Ec2Client ec2 = RegionalClients.client(aws, Ec2Client.builder(), Region.US_EAST_1)) {
            snapshot = ec2.describeImages(r -> r.imageIds(golden)).images().get(0).blockDeviceMappings().get(0).ebs().snapshotId();
            ec2.deleteTags(r -> r.resources(snapshot).tags(t -> t.key("AMI-Type")));
        }

        Executions.Result result = run(aws, GoldenImages.distribution(product, List.of("us-east-1", "eu-west-1")));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("io.gilder.error.ImageNotDistributableException");
        assertThat(result.cause()).contains(golden).contains("has snapshots without the AMI-Type=Golden tag").contains(snapshot)
                .contains("upgrade step");
        assertThat(result.statesEntered()).containsExactly("Validate Distribution Request");
        assertNothingLeftFor(aws, product, golden);
    }

    /** No copy, no launch or volume permission, no parameter in a child account, no manifest: a refusal leaves nothing. */
    private static void assertNothingLeftFor(LocalStack aws, String product, String golden) {
        try (Ec2Client euEc2 = RegionalClients.client(aws, Ec2Client.builder(), Region.EU_WEST_1);
                Ec2Client homeEc2 = RegionalClients.client(aws, Ec2Client.builder(), Region.US_EAST_1);
                S3Client s3 = aws.inspector(S3Client.builder().forcePathStyle(true))) {
            assertThat(euEc2.describeImages(r -> r.owners("self").filters(f -> f.name("tag:gilder:source-image").values(golden))).images())
                    .as("no copy").isEmpty();
            assertThat(homeEc2.describeImageAttribute(r -> r.imageId(golden).attribute("launchPermission")).launchPermissions())
                    .as("not shared").isEmpty();
            for (String account : ACCOUNTS) {
                try (SsmClient child = aws.clientInAccount(account, SsmClient.builder(), Region.EU_WEST_1)) {
                    assertThat(child.getParametersByPath(r -> r.path("/GoldenAMI/" + GoldenImages.OS + "/" + product).recursive(true))
                            .parameters()).as("nothing published in " + account).isEmpty();
                }
            }
            assertThat(s3.listObjectsV2Paginator(r -> r.bucket(aws.deployment().ref("EvidenceBucket")).prefix("distributions/")).contents()
                    .stream().map(o -> o.key()).filter(k -> k.contains(product)).toList()).as("no manifest").isEmpty();
        }
    }

    private static Executions.Result run(LocalStack aws, Object input) {
        return GoldenImages.run(aws, "DistributeGoldenAmiStateMachine", input);
    }
}
