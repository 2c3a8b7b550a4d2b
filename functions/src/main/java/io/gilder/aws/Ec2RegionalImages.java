package io.gilder.aws;

import io.gilder.build.ImageRecord;
import io.gilder.registry.PublicAccessBlock;
import io.gilder.registry.RegionalImage;
import io.gilder.registry.RegionalImages;
import io.gilder.registry.RetiredImage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@link RegionalImages} on EC2, one client per region; images and snapshots owned by this account ({@code self}).
 *
 * <p>Retiring: the snapshots to delete are exactly those named in the image's block device mappings, as
 * {@code DescribeImages} (owner self) reports them. They are tagged {@value #RETIRED_IMAGE}{@code =<image id>}
 * before the image is deregistered, because afterwards nothing else links them to it: a re-run after a failure
 * between deregistering and deleting finds them by that tag (owner self), never by description.
 */
@ApplicationScoped
public class Ec2RegionalImages implements RegionalImages {

    static final String RETIRED_IMAGE = "gilder:retired-image";

    private final Function<String, Ec2Client> ec2;

    @Inject
    Ec2RegionalImages(RegionalAwsClients clients) {
        this(clients::ec2);
    }

    /** @param ec2 the pipeline account's EC2 client of a region */
    public Ec2RegionalImages(Function<String, Ec2Client> ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<RegionalImage> describe(String region, String imageId) {
        return AwsCall.run("ec2:DescribeImages", () -> {
            try {
                return ec2.apply(region).describeImages(r -> r.owners("self").imageIds(imageId)).images().stream()
                        .filter(image -> imageId.equals(image.imageId())).findFirst().map(Ec2RegionalImages::record);
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidAMIID.")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<String> findByTag(String region, String tagKey, String tagValue) {
        return first(region, Filter.builder().name("tag:" + tagKey).values(tagValue).build(),
                image -> image.tags().stream().anyMatch(t -> tagKey.equals(t.key()) && tagValue.equals(t.value())));
    }

    private Optional<String> first(String region, Filter filter, java.util.function.Predicate<Image> really) {
        // Deregistered images are listed for a while; only live ones count.
        return AwsCall.run("ec2:DescribeImages", () -> ec2.apply(region).describeImages(r -> r.owners("self").filters(filter))
                .images().stream().filter(really).filter(i -> !"deregistered".equals(i.stateAsString()))
                .map(Image::imageId).findFirst());
    }

    @Override
    public String copy(String region, String sourceRegion, String sourceImageId, String name, String description,
            String clientToken, Map<String, String> tags) {
        return copy(region, sourceRegion, sourceImageId, name, description, clientToken, tags, null);
    }

    @Override
    public String copy(String region, String sourceRegion, String sourceImageId, String name, String description,
            String clientToken, Map<String, String> tags, String kmsKeyId) {
        return AwsCall.run("ec2:CopyImage", () -> ec2.apply(region).copyImage(r -> {
            r.sourceRegion(sourceRegion).sourceImageId(sourceImageId).name(name).description(description).clientToken(clientToken)
                    .tagSpecifications(s -> s.resourceType(ResourceType.IMAGE).tags(tags(tags)),
                            s -> s.resourceType(ResourceType.SNAPSHOT).tags(tags(tags)));
            if (kmsKeyId != null) {
                r.encrypted(true).kmsKeyId(kmsKeyId);
            }
        }).imageId());
    }

    @Override
    public void tag(String region, Collection<String> resourceIds, Map<String, String> tags) {
        if (resourceIds.isEmpty() || tags.isEmpty()) {
            return;
        }
        AwsCall.run("ec2:CreateTags", () -> ec2.apply(region).createTags(r -> r.resources(resourceIds).tags(tags(tags))));
    }

    @Override
    public Set<String> launchPermissions(String region, String imageId) {
        return AwsCall.run("ec2:DescribeImageAttribute", () -> ec2.apply(region)
                .describeImageAttribute(r -> r.imageId(imageId).attribute(ImageAttributeName.LAUNCH_PERMISSION))
                .launchPermissions().stream().map(p -> p.userId() != null ? p.userId() : publicGroup(p.groupAsString()))
                .filter(Objects::nonNull).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Override
    public void grantLaunch(String region, String imageId, Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        List<LaunchPermission> add = accountIds.stream().map(a -> LaunchPermission.builder().userId(a).build()).toList();
        AwsCall.run("ec2:ModifyImageAttribute", () -> ec2.apply(region)
                .modifyImageAttribute(r -> r.imageId(imageId).launchPermission(p -> p.add(add))));
    }

    @Override
    public Set<String> volumePermissions(String region, String snapshotId) {
        return AwsCall.run("ec2:DescribeSnapshotAttribute", () -> ec2.apply(region)
                .describeSnapshotAttribute(r -> r.snapshotId(snapshotId).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION))
                .createVolumePermissions().stream().map(p -> p.userId() != null ? p.userId() : publicGroup(p.groupAsString()))
                .filter(Objects::nonNull).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Override
    public void grantVolumes(String region, String snapshotId, Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        AwsCall.run("ec2:ModifySnapshotAttribute", () -> ec2.apply(region).modifySnapshotAttribute(r -> r.snapshotId(snapshotId)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION).operationType(OperationType.ADD).userIds(accountIds)));
    }

    /** {@link #PUBLIC} for the group {@code all} (the only group EC2 has), else null (an organization or OU grant). */
    private static String publicGroup(String group) {
        return group == null ? null : PUBLIC;
    }

    @Override
    public PublicAccessBlock publicAccessBlock(String region) {
        Ec2Client client = ec2.apply(region);
        String images = AwsCall.run("ec2:GetImageBlockPublicAccessState", () -> client.getImageBlockPublicAccessState(r -> {})
                .imageBlockPublicAccessState());
        String snapshots = AwsCall.run("ec2:GetSnapshotBlockPublicAccessState", () -> client.getSnapshotBlockPublicAccessState(r -> {})
                .stateAsString());
        return new PublicAccessBlock(region, images, snapshots);
    }

    @Override
    public RetiredImage retire(String region, String imageId) {
        Ec2Client client = ec2.apply(region);
        Ec2ImageFactory images = new Ec2ImageFactory(client);
        Optional<ImageRecord> image = images.describe(imageId);
        image.ifPresent(i -> images.tag(i.snapshotIds(), Map.of(RETIRED_IMAGE, imageId)));
        boolean deregistered = image.isPresent() && images.deregister(imageId);
        List<String> deleted = AwsCall.run("ec2:DescribeSnapshots", () -> client.describeSnapshotsPaginator(r -> r.ownerIds("self")
                .filters(Filter.builder().name("tag:" + RETIRED_IMAGE).values(imageId).build())).snapshots().stream()
                .map(s -> s.snapshotId()).toList()).stream().filter(images::deleteSnapshot).toList();
        return new RetiredImage(region, imageId, deregistered, deleted);
    }

    @Override
    public Optional<String> snapshotKey(String region, List<String> snapshotIds) {
        if (snapshotIds.isEmpty()) {
            return Optional.empty();
        }
        return AwsCall.run("ec2:DescribeSnapshots", () -> {
            try {
                return ec2.apply(region).describeSnapshots(r -> r.ownerIds("self").snapshotIds(snapshotIds)).snapshots().stream()
                        .filter(s -> Boolean.TRUE.equals(s.encrypted()) && s.kmsKeyId() != null).map(s -> s.kmsKeyId()).findFirst();
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidSnapshot.NotFound")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Map<String, Map<String, String>> snapshotTags(String region, List<String> snapshotIds) {
        if (snapshotIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<String, String>> tags = new java.util.LinkedHashMap<>();
        if (!describeSnapshotTags(region, snapshotIds, tags)) {
            // EC2 refuses the whole call when one id is unknown: ask for each, so that only the missing ones are absent.
            snapshotIds.forEach(id -> describeSnapshotTags(region, List.of(id), tags));
        }
        return tags;
    }

    /** @return false when EC2 answered that one of {@code snapshotIds} does not exist (nothing added then) */
    private boolean describeSnapshotTags(String region, List<String> snapshotIds, Map<String, Map<String, String>> into) {
        return AwsCall.run("ec2:DescribeSnapshots", () -> {
            try {
                ec2.apply(region).describeSnapshots(r -> r.ownerIds("self").snapshotIds(snapshotIds)).snapshots()
                        .forEach(s -> into.put(s.snapshotId(), Ec2ImageFactory.tagMap(s.tags())));
                return true;
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidSnapshot.NotFound")) {
                    return false;
                }
                throw e;
            }
        });
    }

    static RegionalImage record(Image image) {
        List<BlockDeviceMapping> ebs = image.blockDeviceMappings().stream().filter(m -> m.ebs() != null).toList();
        boolean encrypted = ebs.stream().anyMatch(m -> Boolean.TRUE.equals(m.ebs().encrypted()));
        List<String> snapshots = ebs.stream().map(m -> m.ebs().snapshotId()).filter(Objects::nonNull).toList();
        String key = ebs.stream().map(m -> m.ebs().kmsKeyId()).filter(Objects::nonNull).findFirst().orElse(null);
        return new RegionalImage(image.imageId(), image.name(), image.stateAsString(),
                image.stateReason() == null ? null : image.stateReason().message(), encrypted,
                Ec2ImageFactory.tagMap(image.tags()), snapshots, key);
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
