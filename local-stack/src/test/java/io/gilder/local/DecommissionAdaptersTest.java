package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.aws.ChildAccountClients;
import io.gilder.aws.Ec2ImageUsage;
import io.gilder.aws.Ec2RegionalImages;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.S3DistributionManifests;
import io.gilder.aws.S3TemplateStore;
import io.gilder.aws.SsmGoldenRegistries;
import io.gilder.aws.SsmGoldenRegistry;
import io.gilder.decommission.DecommissionPlan;
import io.gilder.decommission.ImageDecommission;
import io.gilder.decommission.ImageRemoval;
import io.gilder.decommission.ImageUsageCheck;
import io.gilder.decommission.ImageUsageReport;
import io.gilder.decommission.PipelineRemoval;
import io.gilder.error.ImageInUseException;
import io.gilder.local.emulator.LocalNames;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.DistributionManifest;
import io.gilder.registry.EvidenceStore;
import io.gilder.registry.GoldenRegistry;
import io.gilder.registry.NamedVersion;
import io.gilder.registry.RegionCopy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The decommission steps through the real EC2, SSM and S3 adapters against the emulator: the pipeline
 * account in two regions of its own (away from the workflow tests' region), and the fake child accounts
 * 111111111111 and 222222222222 reached through the cross-account role with STS, as in AWS. Service
 * Catalog is not here: moto lacks provisioning artifacts and portfolio associations, so that path is
 * covered over HTTP by {@link CatalogAdaptersTest} (the local stack's Service Catalog fake) and with WireMock
 * ({@code ServiceCatalogProductsTest} in the functions module).
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecommissionAdaptersTest {

    static final String SOURCE_REGION = RegionalClients.ADAPTER_TESTS.id();
    static final String COPY_REGION = "eu-west-3";
    static final String ROLE = "GilderCrossAccountRole";
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:decommission-golden-ami:test";

    private LocalStack aws;
    private RegionalAwsClients regional;
    private ChildAccountClients accounts;
    private SsmGoldenRegistries registries;
    private final Map<String, AutoCloseable> testClients = new ConcurrentHashMap<>();
    private S3Client s3;
    private String bucket;
    private ImageDecommission decommission;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        regional = new RegionalAwsClients(UrlConnectionHttpClient.builder().build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Optional.of(aws.endpoint()), "us-east-1");
        accounts = new ChildAccountClients(regional, ROLE, Optional.empty());
        registries = new SsmGoldenRegistries(accounts, Clock.systemUTC(), Duration.ofSeconds(60));
        s3 = aws.client(S3Client.builder().forcePathStyle(true));
        bucket = "gilder-decommission-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        decommission = new ImageDecommission(registries, new Ec2RegionalImages(regional::ec2), new S3TemplateStore(s3, bucket),
                new S3DistributionManifests(evidence(), bucket), Clock.systemUTC());
    }

    @AfterAll
    void close() {
        cleanup.forEach(Runnable::run);
        s3.close();
        testClients.values().forEach(c -> {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        regional.close();
    }

    /**
     * A new image: {imageId, the snapshot its block device mapping names, an unrelated snapshot of the same
     * account}. (The emulator registers its own snapshot for the image, so the mapping is read back.)
     */
    private String[] image(String accountId, String region) {
        Ec2Client ec2 = ec2(accountId, region);
        String volume = ec2.createVolume(r -> r.availabilityZone(region + "a").size(8)).volumeId();
        String snapshot = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        String imageId = ec2.registerImage(r -> r.name("decommission-test-" + UUID.randomUUID()).rootDeviceName("/dev/xvda")
                .architecture("x86_64").virtualizationType("hvm")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshot)))).imageId();
        String mapped = ec2.describeImages(r -> r.imageIds(imageId)).images().get(0).blockDeviceMappings().get(0).ebs().snapshotId();
        return new String[] {imageId, mapped, snapshot};
    }

    private static String parameter() {
        return "/GoldenAMI/AmazonLinux-2023/DecommissionTest-1.0/" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
    }

    @Test
    void removingACopyDeletesExactlyItsSnapshotsAndRegistryEntriesAndARerunIsANoOp() {
        String[] copy = image(null, COPY_REGION);
        String[] other = image(null, COPY_REGION);
        String parameter = parameter();
        String otherParameter = parameter();
        GoldenRegistry registry = registry(null, COPY_REGION);
        registry.registerImage(parameter, copy[0]);
        registry.registerImage(otherParameter, other[0]);
        registry.addActive(copy[0], EXECUTION);
        registry.addActive(other[0], EXECUTION);
        cleanup.add(() -> {
            registry.unregisterImage(otherParameter, other[0]);
            registry.removeActive(other[0], EXECUTION);
        });

        ImageRemoval removal = decommission.removeRegionalCopy(EXECUTION, new DecommissionPlan.RegionalCopy(COPY_REGION, copy[0]), parameter);

        assertThat(removal).isEqualTo(new ImageRemoval(null, COPY_REGION, copy[0], true, true, true, List.of(copy[1])));
        Ec2Client ec2 = ec2(null, COPY_REGION);
        assertThat(ec2.describeImages(r -> r.owners("self")).images()).extracting(Image::imageId)
                .doesNotContain(copy[0]).contains(other[0]);
        assertThat(ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots()).extracting(Snapshot::snapshotId)
                .doesNotContain(copy[1]).contains(other[1], other[2], copy[2]);
        SsmClient ssm = ssm(null, COPY_REGION);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name(parameter))).isInstanceOf(ParameterNotFoundException.class);
        assertThat(ssm.getParameter(r -> r.name(otherParameter)).parameter().value()).isEqualTo(other[0]);
        assertThat(registry.activeImages()).doesNotContain(copy[0]).contains(other[0]);

        assertThat(decommission.removeRegionalCopy(EXECUTION, new DecommissionPlan.RegionalCopy(COPY_REGION, copy[0]), parameter))
                .isEqualTo(new ImageRemoval(null, COPY_REGION, copy[0], false, false, false, List.of()));
    }

    @Test
    void aRerunAfterDeregisteringFindsTheCopysSnapshotsByTheirRetirementTag() {
        String[] copy = image(null, COPY_REGION);
        Ec2Client ec2 = ec2(null, COPY_REGION);
        // As if the first attempt died after tagging and deregistering, before deleting the snapshot.
        ec2.createTags(r -> r.resources(copy[1]).tags(t -> t.key("gilder:retired-image").value(copy[0])));
        ec2.deregisterImage(r -> r.imageId(copy[0]));

        ImageRemoval removal = decommission.removeRegionalCopy(EXECUTION, new DecommissionPlan.RegionalCopy(COPY_REGION, copy[0]), parameter());

        assertThat(removal.deregistered()).isFalse();
        assertThat(removal.deletedSnapshots()).containsExactly(copy[1]);
    }

    @Test
    void childRegistrationsGoInEveryChildAccountAndRegionLeavingOtherImagesListed() {
        String parameter = parameter();
        List<DecommissionPlan.ChildTarget> targets = new ArrayList<>();
        for (String account : LocalNames.CHILD_ACCOUNTS) {
            for (String region : List.of(SOURCE_REGION, COPY_REGION)) {
                String imageId = "ami-0" + Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xffffffffffffL) + "aaaa";
                GoldenRegistry registry = registry(account, region);
                registry.registerImage(parameter, imageId);
                registry.addActive(imageId, EXECUTION);
                registry.addActive("ami-0keep0000000000" + account.charAt(0), EXECUTION);
                targets.add(new DecommissionPlan.ChildTarget(account, region, imageId));
            }
        }

        for (DecommissionPlan.ChildTarget target : targets) {
            assertThat(decommission.removeChildRegistration(EXECUTION, target, parameter))
                    .isEqualTo(new ImageRemoval(target.accountId(), target.region(), target.imageId(), true, true, false, List.of()));
        }

        for (DecommissionPlan.ChildTarget target : targets) {
            SsmClient ssm = ssm(target.accountId(), target.region());
            assertThatThrownBy(() -> ssm.getParameter(r -> r.name(parameter))).isInstanceOf(ParameterNotFoundException.class);
            List<String> latest = List.of(ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value().split(","));
            assertThat(latest).doesNotContain(target.imageId()).contains("ami-0keep0000000000" + target.accountId().charAt(0));
            assertThat(decommission.removeChildRegistration(EXECUTION, target, parameter)).as("re-run")
                    .isEqualTo(new ImageRemoval(target.accountId(), target.region(), target.imageId(), false, false, false, List.of()));
        }
    }

    @Test
    void aParameterHoldingAnotherImageIsLeftAlone() {
        String parameter = parameter();
        GoldenRegistry registry = registry("111111111111", COPY_REGION);
        registry.registerImage(parameter, "ami-0bbbbbbbbbbbbbbbb");

        ImageRemoval removal = decommission.removeChildRegistration(EXECUTION,
                new DecommissionPlan.ChildTarget("111111111111", COPY_REGION, "ami-0aaaaaaaaaaaaaaaa"), parameter);

        assertThat(removal.parameterDeleted()).isFalse();
        // The role's session acts in the child account only: neither the pipeline account nor the other child sees it.
        assertThat(ssm(null, COPY_REGION).getParameters(r -> r.names(parameter)).parameters()).isEmpty();
        assertThat(ssm("222222222222", COPY_REGION).getParameters(r -> r.names(parameter)).parameters()).isEmpty();
        assertThat(ssm("111111111111", COPY_REGION).getParameter(r -> r.name(parameter)).parameter().value())
                .isEqualTo("ami-0bbbbbbbbbbbbbbbb");
        registry.unregisterImage(parameter, "ami-0bbbbbbbbbbbbbbbb");
    }

    @Test
    void instancesInThePipelineAndChildAccountsBlockUnlessForced() {
        String[] source = image(null, SOURCE_REGION);
        String[] child = image("222222222222", COPY_REGION);
        String pipelineInstance = run(null, SOURCE_REGION, source[0]);
        String childInstance = run("222222222222", COPY_REGION, child[0]);
        DecommissionPlan plan = plan(source[0], List.of(), List.of(new DecommissionPlan.ChildTarget("222222222222", COPY_REGION, child[0]),
                new DecommissionPlan.ChildTarget("111111111111", COPY_REGION, child[0])), false);
        ImageUsageCheck check = new ImageUsageCheck(new Ec2ImageUsage(accounts));

        assertThatThrownBy(() -> check.check(EXECUTION, plan)).isInstanceOf(ImageInUseException.class)
                .hasMessageContaining("2 instance(s)")
                .hasMessageContaining("pipeline/" + SOURCE_REGION + "/" + pipelineInstance)
                .hasMessageContaining("222222222222/" + COPY_REGION + "/" + childInstance);

        ImageUsageReport forced = check.check(EXECUTION, plan(source[0], List.of(), plan.accounts(), true));
        assertThat(forced.total()).isEqualTo(2);
        assertThat(forced.placesChecked()).isEqualTo(3);

        ec2(null, SOURCE_REGION).terminateInstances(r -> r.instanceIds(pipelineInstance));
        ec2("222222222222", COPY_REGION).terminateInstances(r -> r.instanceIds(childInstance));
        assertThat(check.check(EXECUTION, plan).total()).as("terminated instances do not count").isZero();
    }

    @Test
    void pipelineRecordsGoWithTheSourceImageTemplateAndAMarkedManifestAndARerunIsANoOp() {
        String[] source = image(null, SOURCE_REGION);
        String[] other = image(null, SOURCE_REGION);
        String parameter = parameter();
        GoldenRegistry registry = registry(null, SOURCE_REGION);
        registry.registerImage(parameter, source[0]);
        registry.addActive(source[0], EXECUTION);
        DecommissionPlan plan = plan(source[0], List.of(), List.of(), false);
        DecommissionPlan withParameter = new DecommissionPlan(plan.productName(), plan.product(), plan.os(), plan.buildVersion(),
                plan.imageId(), parameter, plan.sourceRegion(), plan.regions(), plan.accounts(), null, plan.templateKey(),
                plan.manifestKey(), false);
        s3.putObject(r -> r.bucket(bucket).key(plan.templateKey()), RequestBody.fromString("Default: " + parameter));
        DistributionManifest recorded = DistributionManifest.of(new DistributionImage(source[0], "gilder/test", parameter, SOURCE_REGION,
                "DecommissionTest-1.0", "AmazonLinux-2023", plan.buildVersion()), List.of(new RegionCopy(SOURCE_REGION, source[0], false)),
                List.of(), null, "arn:aws:states:us-east-1:123456789012:execution:distribute-golden-ami:test", "2025-05-01T00:00:00Z");
        assertThat(recorded.key()).isEqualTo(plan.manifestKey());
        new S3DistributionManifests(evidence(), bucket).write(recorded);

        PipelineRemoval removal = decommission.removePipelineRecords(EXECUTION, withParameter);

        assertThat(removal.source()).isEqualTo(new ImageRemoval(null, SOURCE_REGION, source[0], true, true, true, List.of(source[1])));
        assertThatThrownBy(() -> s3.getObject(r -> r.bucket(bucket).key(plan.templateKey()))).isInstanceOf(NoSuchKeyException.class);
        String manifest = s3.getObjectAsBytes(r -> r.bucket(bucket).key(plan.manifestKey())).asUtf8String();
        assertThat(new S3DistributionManifests(evidence(), bucket).read(plan.manifestKey()).orElseThrow().decommissioned().by())
                .isEqualTo(EXECUTION);
        assertThat(manifest).contains(source[0]);
        assertThat(ec2(null, SOURCE_REGION).describeSnapshots(r -> r.ownerIds("self")).snapshots())
                .extracting(Snapshot::snapshotId).doesNotContain(source[1]).contains(other[1], other[2]);

        PipelineRemoval again = decommission.removePipelineRecords(EXECUTION, withParameter);
        assertThat(again.source()).isEqualTo(new ImageRemoval(null, SOURCE_REGION, source[0], false, false, false, List.of()));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(plan.manifestKey())).asUtf8String()).isEqualTo(manifest);
    }

    private String run(String accountId, String region, String imageId) {
        return ec2(accountId, region).runInstances(r -> r.imageId(imageId).instanceType("t3.micro").minCount(1).maxCount(1))
                .instances().get(0).instanceId();
    }

    /** A test's own EC2 client of an account (null: the pipeline's) and region, the child's through the cross-account role. */
    private Ec2Client ec2(String accountId, String region) {
        if (accountId == null) {
            return regional.ec2(region);
        }
        return (Ec2Client) testClients.computeIfAbsent("ec2/" + accountId + "/" + region,
                k -> regional.ec2(region, accounts.assumeRole(accountId, region, "gilder-test")));
    }

    private SsmClient ssm(String accountId, String region) {
        if (accountId == null) {
            return regional.ssm(region);
        }
        return (SsmClient) testClients.computeIfAbsent("ssm/" + accountId + "/" + region,
                k -> regional.ssm(region, accounts.assumeRole(accountId, region, "gilder-test")));
    }

    private GoldenRegistry registry(String accountId, String region) {
        return new SsmGoldenRegistry(ssm(accountId, region), Clock.systemUTC(), Duration.ofSeconds(60));
    }

    private static DecommissionPlan plan(String imageId, List<DecommissionPlan.RegionalCopy> regions,
            List<DecommissionPlan.ChildTarget> accounts, boolean force) {
        String version = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000));
        return new DecommissionPlan("DecommissionTest-1.0-AmazonLinux-2023", new NamedVersion("DecommissionTest", "1.0"),
                new NamedVersion("AmazonLinux", "2023"), version, imageId, "/GoldenAMI/AmazonLinux-2023/DecommissionTest-1.0/" + version,
                SOURCE_REGION, regions, accounts, null, "templates/AmazonLinux-2023/DecommissionTest-1.0/" + version + "/product.yaml",
                "distributions/AmazonLinux-2023/DecommissionTest-1.0/" + version + ".json", force);
    }

    /** The evidence store over the test bucket: the real adapter, conditional writes included. */
    private EvidenceStore evidence() {
        return new io.gilder.aws.S3EvidenceStore(s3, bucket);
    }
}
