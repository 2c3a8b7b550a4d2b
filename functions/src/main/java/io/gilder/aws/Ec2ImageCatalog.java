package io.gilder.aws;

import io.gilder.build.ImageCatalog;
import io.gilder.build.ImageFacts;
import io.gilder.build.ImageRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

@ApplicationScoped
public class Ec2ImageCatalog implements ImageCatalog {

    private final Ec2Client ec2;

    public Ec2ImageCatalog(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<ImageFacts> find(String imageId) {
        return AwsCall.run("ec2:DescribeImages", () -> {
            try {
                return ec2.describeImages(r -> r.imageIds(imageId)).images().stream()
                        .filter(image -> imageId.equals(image.imageId()))
                        .findFirst()
                        .map(Ec2ImageCatalog::facts);
            } catch (Ec2Exception e) {
                if (AwsCall.errorCode(e).startsWith("InvalidAMIID.")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * {@code DescribeImages} (owner {@code self}) with an {@code image-id} filter, {@value #IDS_PER_CALL} ids a call,
     * every page: a filter, unlike {@code ImageIds}, answers an unknown id with nothing instead of failing the call.
     */
    @Override
    public List<ImageRecord> ownedImages(Collection<String> imageIds) {
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(imageIds));
        List<ImageRecord> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            out.addAll(AwsCall.run("ec2:DescribeImages", () -> ec2.describeImagesPaginator(r -> r.owners("self")
                            .filters(Filter.builder().name("image-id").values(batch).build()))
                    .images().stream().map(Ec2ImageFactory::record).toList()));
        }
        return out;
    }

    /** Values of one filter per call; EC2 accepts 200. */
    static final int IDS_PER_CALL = 100;

    private static ImageFacts facts(Image image) {
        return new ImageFacts(image.imageId(), image.name(), image.stateAsString(), image.rootDeviceTypeAsString(),
                image.platformAsString(), image.architectureAsString(), image.rootDeviceName(), image.ownerId(), image.imageOwnerAlias(),
                image.creationDate());
    }
}
