package io.gilder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gilder.aws.Ec2ExecutionResources;
import io.gilder.aws.Ec2ImageFactory;
import io.gilder.aws.SsmGoldenRegistry;
import io.gilder.build.BuildRequest;
import io.gilder.build.CandidateImage;
import io.gilder.build.CandidateImages;
import io.gilder.build.GoldenImageRegistrar;
import io.gilder.build.ImageCheck;
import io.gilder.build.ScanPolicy;
import io.gilder.build.cleanup.CandidateDiscard;
import io.gilder.build.cleanup.DiscardReport;
import io.gilder.registry.GilderTags;
import io.gilder.registry.NamedVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Create Candidate Image, Check Image, Register Golden Image and Discard Candidate through the real
 * EC2/SSM adapters and SDK against the emulator.
 */
@ExtendWith(LocalAws.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageLifecycleTest {

    private static final BuildRequest REQUEST = new BuildRequest("ami-source", new NamedVersion("WebServer", "1.0"),
            new NamedVersion("AmazonLinux", "2023"), "1", "t3.micro", null, null, List.of(), List.of(), "qualys",
            new ScanPolicy(3, List.of()), 72, "/GoldenAMI/AmazonLinux-2023/WebServer-1.0/1");

    private LocalStack aws;
    private Ec2Client ec2;
    private SsmClient ssm;
    private String sourceImage;
    private CandidateImages candidates;
    private final List<String> notices = new ArrayList<>();
    private CandidateDiscard discard;

    @BeforeAll
    void setUp(LocalStack aws) {
        this.aws = aws;
        ec2 = RegionalClients.client(aws, Ec2Client.builder());
        ssm = RegionalClients.client(aws, SsmClient.builder());
        sourceImage = ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString())).findFirst().orElseThrow().imageId();
        Ec2ImageFactory images = new Ec2ImageFactory(ec2);
        candidates = new CandidateImages(images, 5);
        discard = new CandidateDiscard(new Ec2ExecutionResources(ec2), images,
                new SsmGoldenRegistry(ssm, Clock.systemUTC(), Duration.ofSeconds(60)), (subject, message) -> notices.add(subject + "\n" + message),
                executionArn -> 0);
    }

    @AfterAll
    void close() {
        ec2.close();
        ssm.close();
    }

    @Test
    void aRetriedCreateFindsTheImageOfItsFirstAttempt() {
        String execution = execution();
        String builder = stoppedBuilder(execution);

        CandidateImage first = candidates.create(execution, builder, REQUEST, sourceImage);
        CandidateImage retry = candidates.create(execution, builder, REQUEST, sourceImage);

        assertThat(retry).isEqualTo(first);
        List<Image> named = ec2.describeImages(r -> r.owners("self").filters(f -> f.name("name").values(first.imageName()))).images();
        assertThat(named).extracting(Image::imageId).containsExactly(first.imageId());
        assertThat(tags(named.get(0).tags())).containsEntry(GilderTags.AMI_TYPE, GilderTags.CANDIDATE)
                .containsEntry(GilderTags.EXECUTION, execution).containsEntry(GilderTags.SOURCE_AMI, sourceImage)
                .containsEntry(GilderTags.PRODUCT, "WebServer-1.0").containsEntry(GilderTags.OS, "AmazonLinux-2023")
                .containsEntry(GilderTags.VERSION, "1").containsEntry(GilderTags.NAME, first.imageName());
    }

    @Test
    void aNewImagesSnapshotsCarryItsTagsFromCreateImageOn() {
        String execution = execution();
        CandidateImage image = candidates.create(execution, stoppedBuilder(execution), REQUEST, sourceImage);
        List<String> snapshots = ec2.describeImages(r -> r.imageIds(image.imageId())).images().get(0).blockDeviceMappings().stream()
                .filter(b -> b.ebs() != null).map(b -> b.ebs().snapshotId()).toList();

        assertThat(snapshots).isNotEmpty();
        for (Snapshot snapshot : ec2.describeSnapshots(r -> r.snapshotIds(snapshots)).snapshots()) {
            assertThat(tags(snapshot.tags())).containsEntry(GilderTags.AMI_TYPE, GilderTags.CANDIDATE)
                    .containsEntry(GilderTags.EXECUTION, execution).containsEntry(GilderTags.NAME, image.imageName());
        }
        ImageCheck check = candidates.check(image.imageId(), 0);
        assertThat(check).isEqualTo(new ImageCheck(true, 1, snapshots));
    }

    @Test
    void registrationTagsTheImageAndItsSnapshotsGolden() {
        String execution = execution();
        CandidateImage image = candidates.create(execution, stoppedBuilder(execution), REQUEST, sourceImage);
        ImageCheck check = candidates.check(image.imageId(), 0);
        BuildRequest request = withParameter("/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + UUID.randomUUID());
        Ec2ImageFactory images = new Ec2ImageFactory(ec2);
        GoldenImageRegistrar registrar = new GoldenImageRegistrar(images,
                new SsmGoldenRegistry(ssm, Clock.systemUTC(), Duration.ofSeconds(60)), (s, m) -> notices.add(s));

        registrar.register("arn:aws:states:us-east-1:123456789012:execution:Build:test", image.imageId(), request, "jane@example.com", "2025-05-01T10:00:00Z", "scan/42");

        List<String> resources = new ArrayList<>(check.snapshotIds());
        resources.add(image.imageId());
        for (String resource : resources) {
            Map<String, String> tags = ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(resource))).tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
            assertThat(tags).as(resource).containsEntry(GilderTags.AMI_TYPE, GilderTags.GOLDEN)
                    .containsEntry(GilderTags.APPROVER, "jane@example.com").containsEntry(GilderTags.SCAN_REFERENCE, "scan/42")
                    .containsEntry(GilderTags.APPROVED_AT, "2025-05-01T10:00:00Z").containsEntry(GilderTags.EXECUTION, execution);
        }
        assertThat(ssm.getParameter(r -> r.name(request.parameterName())).parameter().value()).isEqualTo(image.imageId());
    }

    @Test
    void discardRemovesTheCandidateWithOnlyReadsOfTheRegistryAndLeavesOtherExecutionsAlone() {
        String doomed = execution();
        String other = execution();
        String doomedBuilder = stoppedBuilder(doomed);
        CandidateImage doomedImage = candidates.create(doomed, doomedBuilder, REQUEST, sourceImage);
        List<String> doomedSnapshots = candidates.check(doomedImage.imageId(), 0).snapshotIds();
        String doomedTestInstance = runningInstance(doomed);
        String otherBuilder = stoppedBuilder(other);
        CandidateImage otherImage = candidates.create(other, otherBuilder, REQUEST, sourceImage);
        List<String> otherSnapshots = candidates.check(otherImage.imageId(), 0).snapshotIds();
        ec2.terminateInstances(r -> r.instanceIds(doomedBuilder));
        aws.faults().reset();
        notices.clear();

        DiscardReport report = discard.discard(doomed, REQUEST, "ImageDenied: Denied by jane: old kernel");

        assertThat(report.terminatedInstances()).as("live instances only: the builder was already terminated")
                .containsExactly(doomedTestInstance);
        assertThat(report.deletedImages()).containsExactly(doomedImage.imageId());
        assertThat(report.deletedSnapshots()).containsExactlyInAnyOrderElementsOf(doomedSnapshots);
        assertThat(ownImageIds()).doesNotContain(doomedImage.imageId()).contains(otherImage.imageId());
        assertThat(ownSnapshotIds()).doesNotContainAnyElementsOf(doomedSnapshots).containsAll(otherSnapshots);
        assertThat(state(otherBuilder)).isEqualTo(InstanceStateName.STOPPED);
        assertThat(state(doomedTestInstance)).isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
        assertThat(aws.faults().calls().stream().filter(call -> call.startsWith("ssm:")))
                .as("the lock (held by this execution?), the version parameter and the active list are read; nothing is claimed or written")
                .containsExactly("ssm:GetParameter", "ssm:GetParameter", "ssm:GetParameter");
        assertThat(notices).singleElement().asString().contains("Denied by jane: old kernel", doomedImage.imageId(),
                doomedTestInstance, "WebServer-1.0 on AmazonLinux-2023, build 1", "Removed from the registry: none");
    }

    @Test
    void discardRemovesTheExecutionsPartlyRegisteredGoldenImageItsParameterAndLatestEntry() {
        String doomed = execution();
        String other = execution();
        BuildRequest doomedRequest = withParameter("/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + UUID.randomUUID());
        BuildRequest otherRequest = withParameter("/GoldenAMI/AmazonLinux-2023/WebServer-1.0/" + UUID.randomUUID());
        Ec2ImageFactory images = new Ec2ImageFactory(ec2);
        SsmGoldenRegistry registry = new SsmGoldenRegistry(ssm, Clock.systemUTC(), Duration.ofSeconds(60));
        // Another execution's image was registered completely.
        CandidateImage otherGolden = candidates.create(other, stoppedBuilder(other), otherRequest, sourceImage);
        List<String> otherSnapshots = candidates.check(otherGolden.imageId(), 0).snapshotIds();
        new GoldenImageRegistrar(images, registry, (s, m) -> { })
                .register("arn:aws:states:us-east-1:123456789012:execution:Build:test", otherGolden.imageId(), otherRequest, "jane", "2025-05-01T10:00:00Z", "scan/1");
        // This execution's registration wrote the parameter, the Golden tags and the active list, then its function timed
        // out before answering (a refused notice no longer fails it: the notice is best effort), so its Catch discards.
        CandidateImage golden = candidates.create(doomed, stoppedBuilder(doomed), doomedRequest, sourceImage);
        List<String> goldenSnapshots = candidates.check(golden.imageId(), 0).snapshotIds();
        new GoldenImageRegistrar(images, registry, (s, m) -> {
            throw new IllegalStateException("SNS is down");
        }).register("arn:aws:states:us-east-1:123456789012:execution:Build:test", golden.imageId(), doomedRequest, "jane",
                "2025-05-01T11:00:00Z", "scan/2");
        assertThat(latest()).contains(golden.imageId(), otherGolden.imageId());
        List<String> locksBefore = lockParameters();
        notices.clear();

        DiscardReport report = discard.discard(doomed, doomedRequest, "States.Runtime: SNS is down");

        assertThat(report.deletedImages()).containsExactly(golden.imageId());
        assertThat(report.deletedSnapshots()).containsExactlyInAnyOrderElementsOf(goldenSnapshots);
        assertThat(ownImageIds()).doesNotContain(golden.imageId()).contains(otherGolden.imageId());
        assertThat(ownSnapshotIds()).doesNotContainAnyElementsOf(goldenSnapshots).containsAll(otherSnapshots);
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name(doomedRequest.parameterName())))
                .isInstanceOf(ParameterNotFoundException.class);
        assertThat(ssm.getParameter(r -> r.name(otherRequest.parameterName())).parameter().value()).isEqualTo(otherGolden.imageId());
        assertThat(latest()).doesNotContain(golden.imageId()).contains(otherGolden.imageId());
        assertThat(lockParameters()).as("the lock was released and nothing was broken").isEqualTo(locksBefore);
        assertThat(notices).singleElement().asString().contains(doomedRequest.parameterName(),
                golden.imageId() + " from /GoldenAMI/latest", "SNS is down");

        aws.faults().reset();
        DiscardReport rerun = discard.discard(doomed, doomedRequest, "again");

        assertThat(rerun).isEqualTo(new DiscardReport(List.of(), List.of(), List.of(), 0));
        assertThat(aws.faults().calls()).as("with no image left there is nothing to look up in the registry")
                .noneMatch(call -> call.startsWith("ssm:"));
        assertThat(ownImageIds()).contains(otherGolden.imageId());
    }

    private static String execution() {
        return "arn:aws:states:us-west-2:123456789012:execution:BuildGoldenAmi:" + UUID.randomUUID();
    }

    private String runningInstance(String execution) {
        return ec2.runInstances(r -> r.imageId(sourceImage).instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tag(GilderTags.EXECUTION, execution))))
                .instances().get(0).instanceId();
    }

    private String stoppedBuilder(String execution) {
        String id = runningInstance(execution);
        ec2.stopInstances(r -> r.instanceIds(id));
        return id;
    }

    private InstanceStateName state(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0).state().name();
    }

    private List<String> ownImageIds() {
        return ec2.describeImages(r -> r.owners("self").filters(Filter.builder().name("state").values("available").build()))
                .images().stream().map(Image::imageId).toList();
    }

    private List<String> ownSnapshotIds() {
        return ec2.describeSnapshots(r -> r.ownerIds("self")).snapshots().stream().map(Snapshot::snapshotId).toList();
    }

    private String latest() {
        return ssm.getParameter(r -> r.name("/GoldenAMI/latest")).parameter().value();
    }

    /** The lock on the active list and the markers of broken locks, as name=value. */
    private List<String> lockParameters() {
        return ssm.getParametersByPathPaginator(r -> r.path("/GoldenAMI/.lock").recursive(true)).stream()
                .flatMap(page -> page.parameters().stream())
                .map(p -> p.name() + "=" + p.value()).sorted().toList();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static BuildRequest withParameter(String parameterName) {
        return new BuildRequest(REQUEST.sourceAmiId(), REQUEST.product(), REQUEST.os(), REQUEST.buildVersion(),
                REQUEST.instanceType(), null, null, List.of(), List.of(), REQUEST.scanner(), REQUEST.scanPolicy(), 72, parameterName);
    }
}
