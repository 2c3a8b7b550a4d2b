package io.gilder.aws;

import io.gilder.decommission.ImageUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;

/** {@link ImageUsage} with {@code DescribeInstances} filtered by image id and live states, every page. */
@ApplicationScoped
public class Ec2ImageUsage implements ImageUsage {

    static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private final ChildAccountClients clients;

    @Inject
    public Ec2ImageUsage(ChildAccountClients clients) {
        this.clients = clients;
    }

    @Override
    public List<String> instancesUsing(String accountId, String region, String imageId, String sessionName) {
        return clients.withEc2(accountId, region, sessionName, ec2 -> instancesUsing(ec2, imageId));
    }

    private static List<String> instancesUsing(Ec2Client ec2, String imageId) {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeInstancesResponse response = AwsCall.run("ec2:DescribeInstances", () -> ec2.describeInstances(r -> r
                    .filters(Filter.builder().name("image-id").values(imageId).build(),
                            Filter.builder().name("instance-state-name").values(LIVE_STATES).build())
                    .maxResults(1000).nextToken(page)));
            response.reservations().forEach(reservation -> reservation.instances().forEach(i -> ids.add(i.instanceId())));
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return List.copyOf(ids);
    }
}
