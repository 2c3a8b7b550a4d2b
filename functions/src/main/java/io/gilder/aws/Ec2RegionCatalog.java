package io.gilder.aws;

import io.gilder.distribution.RegionCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;

/** {@link RegionCatalog} from EC2 {@code DescribeRegions} with {@code AllRegions}, read once per container. */
@ApplicationScoped
public class Ec2RegionCatalog implements RegionCatalog {

    private final Ec2Client ec2;
    private volatile Set<String> names;

    @Inject
    public Ec2RegionCatalog(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Set<String> regionNames() {
        if (names == null) {
            names = Set.copyOf(new TreeSet<>(AwsCall.run("ec2:DescribeRegions", () -> ec2.describeRegions(r -> r.allRegions(true))
                    .regions().stream().map(Region::regionName).toList())));
        }
        return names;
    }
}
