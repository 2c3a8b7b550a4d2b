package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.aws.ChildAccountClients;
import io.gilder.aws.Ec2RegionalImages;
import io.gilder.aws.RegionalAwsClients;
import io.gilder.aws.SsmGoldenRegistries;
import io.gilder.aws.kms.KmsEncryptionKeys;
import io.gilder.decommission.DecommissionPlan;
import io.gilder.decommission.ImageDecommission;
import io.gilder.distribution.ImageDistribution;
import io.gilder.encryption.BuildEncryptionCheck;
import io.gilder.encryption.EncryptionPolicy;
import io.gilder.encryption.ImageEncryption;
import io.gilder.encryption.KeyGrants;
import io.gilder.encryption.RegionKeys;
import io.gilder.error.FieldProblem;
import io.gilder.local.emulator.LocalNames;
import io.gilder.registry.DistributionImage;
import io.gilder.registry.RegionCopy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyImageRequest;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GrantListEntry;

/**
 * Encrypted golden images through the real SDK against the emulator (moto's KMS and EC2): a build in a region with EBS
 * encryption by default on, the copy to a second region re-encrypted with that region's key, one KMS grant per child
 * account on each region's key, the refusal of a disabled key before anything is copied, and decommission leaving no
 * grant, copy or snapshot behind.
 *
 * <p>moto accepts but ignores {@code Encrypted}/{@code KmsKeyId} on {@code CopyImage} (the copy keeps the source's
 * encryption), so what Gilder asks EC2 for is asserted at the SDK level: an {@link ExecutionInterceptor} records every
 * {@code CopyImage} request the pipeline sends. It runs in its own two regions because EBS encryption by default is
 * an account-and-region setting that would change the volumes of other tests.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncryptedImagesAdaptersTest {

    static final String HOME = "ca-central-1";
    static final String OTHER = "eu-north-1";
    static final List<String> CHILDREN = LocalNames.CHILD_ACCOUNTS;

    private LocalStack aws;
    private RegionalAwsClients clients;
    private final Map<String, Ec2Client> recordedEc2 = new ConcurrentHashMap<>();
    private final List<CopyImageRequest> copies = new CopyOnWriteArrayList<>();
    private KmsEncryptionKeys keys;
    private String homeKey;
    private String otherKey;
    private DistributionImage image;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        clients = new RegionalAwsClients(UrlConnectionHttpClient.builder().build(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Optional.of(aws.endpoint()), LocalNames.REGION);
        keys = new KmsEncryptionKeys(clients::kms, clients::ec2);
        homeKey = key(HOME);
        otherKey = key(OTHER);
        Ec2Client ec2 = clients.ec2(HOME);
        ec2.enableEbsEncryptionByDefault(r -> {});
        ec2.modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId(homeKey));

        // The build: the builder's root volume as Ec2InstanceFleet maps it with the stack's key, then CreateImage.
        String version = String.valueOf(Math.abs(UUID.randomUUID().hashCode()));
        var base = ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString())).findFirst().orElseThrow();
        String instance = ec2.runInstances(r -> r.imageId(base.imageId()).instanceType("t3.micro").minCount(1).maxCount(1)
                .blockDeviceMappings(b -> b.deviceName(base.rootDeviceName()).ebs(e -> e.encrypted(true).kmsKeyId(homeKey)
                        .volumeSize(base.blockDeviceMappings().stream().filter(m -> m.ebs() != null).findFirst()
                                .map(m -> m.ebs().volumeSize()).orElse(8)))))
                .instances().get(0).instanceId();
        String name = "gilder/AmazonLinux-2023/Encrypted-1.0/" + version + "/kms-test";
        // moto's CreateImage does not carry the volume's encryption into the image, so the image EC2 would make is
        // registered from an encrypted snapshot of the builder's root volume instead.
        ec2.terminateInstances(r -> r.instanceIds(instance));
        String volume = ec2.createVolume(r -> r.availabilityZone(HOME + "a").size(8).encrypted(true).kmsKeyId(homeKey)).volumeId();
        String snapshot = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        ec2.deleteVolume(r -> r.volumeId(volume));
        String golden = ec2.registerImage(r -> r.name(name).rootDeviceName("/dev/xvda").architecture("x86_64")
                .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshot)))).imageId();
        image = new DistributionImage(golden, name, "/GoldenAMI/AmazonLinux-2023/Encrypted-1.0/" + version, HOME, "Encrypted-1.0",
                "AmazonLinux-2023", version);
    }

    private String key(String region) {
        return clients.kms(region).createKey(r -> r.description("gilder test key " + region)).keyMetadata().arn();
    }

    /** The pipeline's EC2 client of a region, recording every CopyImage request it sends. */
    private Ec2Client recordingEc2(String region) {
        return recordedEc2.computeIfAbsent(region, r -> Ec2Client.builder().region(Region.of(r)).endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof CopyImageRequest copy) {
                            copies.add(copy);
                        }
                    }
                })).build());
    }

    private EncryptionPolicy policy() {
        return new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, homeKey, RegionKeys.parse(OTHER + "=" + otherKey));
    }

    @AfterAll
    void close() {
        recordedEc2.values().forEach(Ec2Client::close);
        clients.ec2(HOME).disableEbsEncryptionByDefault(r -> {});
        clients.close();
    }

    @Test
    void encryptedBuildDistributionAndDecommissionLeaveNoGrantCopyOrSnapshot() {
        // validation of the build with the stack's customer managed key (DescribeKey against moto's KMS). moto does not
        // implement GetEbsDefaultKmsKeyId, so the AccountDefault path is covered by BuildEncryptionCheckTest only.
        assertThat(new BuildEncryptionCheck(policy(), keys, HOME, true).refusals()).isEmpty();
        String missing = homeKey.substring(0, homeKey.lastIndexOf('/') + 1) + UUID.randomUUID();
        assertThat(new BuildEncryptionCheck(new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, missing, RegionKeys.none()), keys,
                HOME, true).refusals()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("ImageKmsKeyArn");
                    assertThat(p.problem()).contains(missing).contains("kms:DescribeKey");
                });
        Ec2RegionalImages images = new Ec2RegionalImages(this::recordingEc2);
        SsmGoldenRegistries registries = new SsmGoldenRegistries(new ChildAccountClients(clients, "GilderCrossAccountRole",
                Optional.empty()), Clock.systemUTC(), Duration.ofSeconds(60));
        ImageDistribution distribution = new ImageDistribution(images, registries, 5, policy(), keys);
        String execution = "arn:aws:states:" + HOME + ":123456789012:execution:DistributeGoldenAmi:" + UUID.randomUUID();

        RegionCopy copy = distribution.copy(execution, image, OTHER);
        assertThat(copies).singleElement().satisfies(request -> { // what Gilder asked EC2 for (moto ignores it)
            assertThat(request.encrypted()).isTrue();
            assertThat(request.kmsKeyId()).isEqualTo(otherKey);
            assertThat(request.sourceRegion()).isEqualTo(HOME);
        });
        assertThat(distribution.check(OTHER, copy.imageId(), 0).done()).isTrue();
        List<String> copySnapshots = images.describe(OTHER, copy.imageId()).orElseThrow().snapshotIds();
        distribution.share(OTHER, copy.imageId(), CHILDREN, image.parameterName(), execution);

        // moto's DescribeImages never reports a snapshot's encryption or key, so ShareImage cannot see that the copy is
        // encrypted here (EncryptedDistributionTest covers that decision): the grants it makes are made through the same
        // adapter, on moto's KMS, twice as a retry would, then decommission must revoke them.
        for (int attempt = 0; attempt < 2; attempt++) {
            CHILDREN.forEach(child -> keys.grant(OTHER, otherKey, child, KeyGrants.name(image.imageId(), child)));
        }
        assertThat(gilderGrants(OTHER, otherKey)).extracting(GrantListEntry::name)
                .containsExactlyInAnyOrder(KeyGrants.name(image.imageId(), CHILDREN.get(0)), KeyGrants.name(image.imageId(), CHILDREN.get(1)));
        assertThat(gilderGrants(OTHER, otherKey)).allSatisfy(g -> {
            assertThat(g.granteePrincipal()).matches("arn:aws:iam::(111111111111|222222222222):root");
            assertThat(g.operationsAsStrings()).containsExactlyInAnyOrderElementsOf(KeyGrants.OPERATIONS);
        });
        String otherImagesGrant = KeyGrants.name("ami-0000000000000000a", CHILDREN.get(0));
        keys.grant(OTHER, otherKey, CHILDREN.get(0), otherImagesGrant); // another version's grant on the same key stays

        // decommission: grants first, then the copy and exactly its snapshots
        ImageDecommission decommission = new ImageDecommission(registries, images, null, null, Clock.systemUTC(), policy(), keys);
        decommission.removeRegionalCopy(execution, new DecommissionPlan.RegionalCopy(OTHER, copy.imageId()), image.parameterName());

        assertThat(gilderGrants(OTHER, otherKey)).isEmpty();
        assertThat(clients.kms(OTHER).listGrants(r -> r.keyId(otherKey)).grants()).extracting(GrantListEntry::name).contains(otherImagesGrant);
        assertThat(images.describe(OTHER, copy.imageId())).isEmpty();
        assertThat(clients.ec2(OTHER).describeSnapshots(r -> r.ownerIds("self")).snapshots())
                .noneMatch(s -> copySnapshots.contains(s.snapshotId()));
    }

    @Test
    void aDisabledRegionKeyIsRefusedNamingItBeforeAnythingIsCopied() {
        var created = clients.kms(OTHER).createKey(r -> r.description("gilder disabled test key")).keyMetadata();
        String disabled = created.arn();
        clients.kms(OTHER).disableKey(r -> r.keyId(created.keyId()));
        EncryptionPolicy policy = new EncryptionPolicy(ImageEncryption.CUSTOMER_MANAGED_KEY, homeKey, RegionKeys.parse(OTHER + "=" + disabled));
        int copiesBefore = copies.size();

        List<FieldProblem> problems = policy.distributionRefusals(HOME, homeKey, Map.of(HOME, CHILDREN, OTHER, CHILDREN), null, keys,
                text -> {
                    try {
                        return io.gilder.local.emulator.Json.MAPPER.readValue(text, Object.class);
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException(e);
                    }
                });

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("RegionKmsKeyArns");
            assertThat(p.problem()).contains(disabled).contains("Disabled");
        });
        assertThat(copies).hasSize(copiesBefore);
    }

    /**
     * Fault injection over just the new KMS calls (the full workflows' runs stay as they are: make test's budget): each
     * call refused, throttled, answered 500, and applied with its answer lost, at its first call. The step either
     * fails naming the operation or reads "not usable"; the retry the state machine makes then ends with exactly one
     * grant per account (a CreateGrant whose answer was lost is found by name, not made twice) and a clean revocation.
     */
    @Test
    void faultsInTheKmsCallsAreNamedAndARetryMakesNoSecondGrant() {
        String key = key(OTHER);
        String child = CHILDREN.get(0);
        String source = "ami-0fa017000000000" + (Math.abs(UUID.randomUUID().hashCode()) % 10);
        String name = KeyGrants.name(source, child);
        io.gilder.local.emulator.Faults faults = aws.faults();
        java.util.Map<String, Integer> tried = new java.util.TreeMap<>();
        long started = System.nanoTime();
        try {
            for (String operation : List.of("kms:DescribeKey", "kms:GetKeyPolicy", "kms:ListGrants", "kms:CreateGrant", "kms:RevokeGrant")) {
                for (var rule : List.of(io.gilder.local.emulator.Faults.refused(operation, 1), io.gilder.local.emulator.Faults.throttled(operation, 1),
                        io.gilder.local.emulator.Faults.serverError(operation, 1), io.gilder.local.emulator.Faults.appliedThenLost(operation, 1))) {
                    faults.reset();
                    faults.add(rule);
                    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> grantThenRevoke(key, child, name));
                    assertThat(faults.fired()).as(rule.toString()).containsExactly(rule);
                    if (failure != null) {
                        assertThat(failure).as(rule.toString()).hasMessageContaining(operation);
                    }
                    faults.reset();
                    keys.describe(OTHER, key).orElseThrow();
                    keys.grant(OTHER, key, child, name);
                    assertThat(gilderGrants(OTHER, key, source)).as(rule.toString()).extracting(GrantListEntry::name).containsExactly(name);
                    keys.revokeGrants(OTHER, key, KeyGrants.prefix(source));
                    assertThat(gilderGrants(OTHER, key, source)).as(rule.toString()).isEmpty();
                    tried.merge(rule.kind(), 1, Integer::sum);
                }
            }
        } finally {
            faults.reset();
        }
        System.out.printf("KMS fault points tried per kind: %s in %d ms%n", tried, (System.nanoTime() - started) / 1_000_000);
        assertThat(tried.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    }

    /** What Share Image and decommission do with one key and one account. */
    private void grantThenRevoke(String key, String child, String name) {
        keys.describe(OTHER, key).orElseThrow(() -> new IllegalStateException("kms:DescribeKey found no usable key"));
        keys.keyPolicy(OTHER, key).orElseThrow(() -> new IllegalStateException("kms:GetKeyPolicy could not be read"));
        keys.grant(OTHER, key, child, name);
        keys.revokeGrants(OTHER, key, name);
    }

    private List<GrantListEntry> gilderGrants(String region, String key, String source) {
        return clients.kms(region).listGrantsPaginator(r -> r.keyId(key)).grants().stream()
                .filter(g -> g.name() != null && g.name().startsWith(KeyGrants.prefix(source))).toList();
    }

    private List<GrantListEntry> gilderGrants(String region, String key) {
        KmsClient kms = clients.kms(region);
        return kms.listGrantsPaginator(r -> r.keyId(key)).grants().stream()
                .filter(g -> g.name() != null && g.name().startsWith(KeyGrants.prefix(image.imageId()))).toList();
    }
}
