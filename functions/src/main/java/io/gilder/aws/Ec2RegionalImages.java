package io.gilder.aws;

import io.gilder.domain.ImageRecord;
import io.gilder.domain.RetiredImage;
import io.gilder.port.RegionalImages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * {@link RegionalImages} in the pipeline account. The snapshots to delete are exactly those named in the
 * image's block device mappings, as {@code DescribeImages} (owner self) reports them. They are tagged
 * {@value #RETIRED_IMAGE}{@code =<image id>} before the image is deregistered, because afterwards nothing
 * else links them to it: a re-run after a failure between deregistering and deleting finds them by that tag
 * (owner self), never by description.
 */
public class Ec2RegionalImages implements RegionalImages {

    static final String RETIRED_IMAGE = "gilder:retired-image";

    private final ChildAccountClients clients;

    public Ec2RegionalImages(ChildAccountClients clients) {
        this.clients = clients;
    }

    @Override
    public RetiredImage retire(String region, String imageId) {
        Ec2Client ec2 = clients.ec2(null, region);
        Ec2ImageFactory images = new Ec2ImageFactory(ec2);
        Optional<ImageRecord> image = images.describe(imageId);
        image.ifPresent(i -> images.tag(i.snapshotIds(), Map.of(RETIRED_IMAGE, imageId)));
        boolean deregistered = image.isPresent() && images.deregister(imageId);
        List<String> deleted = taggedSnapshots(ec2, imageId).stream().filter(images::deleteSnapshot).toList();
        return new RetiredImage(region, imageId, deregistered, deleted);
    }

    private static List<String> taggedSnapshots(Ec2Client ec2, String imageId) {
        return AwsCall.run("ec2:DescribeSnapshots", () -> ec2.describeSnapshotsPaginator(r -> r.ownerIds("self")
                .filters(Filter.builder().name("tag:" + RETIRED_IMAGE).values(imageId).build())).snapshots().stream()
                .map(s -> s.snapshotId()).toList());
    }
}
