package io.gilder.aws;

import io.gilder.build.ImageFactory;
import io.gilder.build.ImageRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** {@link ImageFactory} on EC2: images and snapshots owned by this account ({@code self}). */
@ApplicationScoped
public class Ec2ImageFactory implements ImageFactory {

    private final Ec2Client ec2;

    @Inject
    public Ec2ImageFactory(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<String> findOwnedByName(String name) {
        return AwsCall.run("ec2:DescribeImages", () -> ec2.describeImages(r -> r.owners("self")
                .filters(Filter.builder().name("name").values(name).build())).images().stream()
                .filter(image -> name.equals(image.name()))
                .map(Image::imageId)
                .findFirst());
    }

    @Override
    public String createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return AwsCall.run("ec2:CreateImage", () -> {
            try {
                // The image and each of its snapshots carry the tags from the moment they exist: the role may tag them only
                // here (ec2:CreateAction), and clean-up finds a snapshot by its execution tag even once the image is gone.
                return ec2.createImage(r -> r.instanceId(instanceId).name(name).description(description).noReboot(false)
                        .tagSpecifications(
                                s -> s.resourceType(ResourceType.IMAGE).tags(tags(tags)),
                                s -> s.resourceType(ResourceType.SNAPSHOT).tags(tags(tags)))).imageId();
            } catch (Ec2Exception e) {
                if ("InvalidAMIName.Duplicate".equals(AwsCall.errorCode(e))) {
                    return findOwnedByName(name).orElseThrow(() -> e);
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<ImageRecord> describe(String imageId) {
        return AwsCall.run("ec2:DescribeImages", () -> {
            try {
                return ec2.describeImages(r -> r.owners("self").imageIds(imageId)).images().stream()
                        .filter(image -> imageId.equals(image.imageId()))
                        .findFirst()
                        .map(Ec2ImageFactory::record);
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidAMIID.")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void tag(Collection<String> resourceIds, Map<String, String> tags) {
        if (resourceIds.isEmpty() || tags.isEmpty()) {
            return;
        }
        AwsCall.run("ec2:CreateTags", () -> ec2.createTags(r -> r.resources(resourceIds).tags(tags(tags))));
    }

    @Override
    public boolean deregister(String imageId) {
        return AwsCall.run("ec2:DeregisterImage", () -> {
            try {
                ec2.deregisterImage(r -> r.imageId(imageId));
                return true;
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidAMIID.")) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean deleteSnapshot(String snapshotId) {
        return AwsCall.run("ec2:DeleteSnapshot", () -> {
            try {
                ec2.deleteSnapshot(r -> r.snapshotId(snapshotId));
                return true;
            } catch (Ec2Exception e) {
                if ("InvalidSnapshot.NotFound".equals(AwsCall.errorCode(e))) {
                    return false;
                }
                throw e;
            }
        });
    }

    static ImageRecord record(Image image) {
        return new ImageRecord(image.imageId(), image.name(), image.stateAsString(),
                image.stateReason() == null ? null : image.stateReason().message(), tagMap(image.tags()),
                snapshotIds(image.blockDeviceMappings()));
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    private static List<String> snapshotIds(List<BlockDeviceMapping> mappings) {
        return mappings.stream().filter(m -> m.ebs() != null).map(m -> m.ebs().snapshotId()).filter(Objects::nonNull).toList();
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
