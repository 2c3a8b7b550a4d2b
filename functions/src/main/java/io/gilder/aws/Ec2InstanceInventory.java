package io.gilder.aws;

import io.gilder.compliance.InstanceInventory;
import io.gilder.compliance.ObservedInstance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * {@link InstanceInventory} with {@code DescribeInstances}: one instance by id, or every instance in
 * pages of {@value #PAGE_SIZE} (EC2's largest), following {@code NextToken} to the last page.
 */
@Singleton
public class Ec2InstanceInventory implements InstanceInventory {

    /** The most {@code DescribeInstances} returns per call. */
    static final int PAGE_SIZE = 1000;
    private static final String NOT_FOUND = "InvalidInstanceID.NotFound";

    private final Ec2Client ec2;

    @Inject
    public Ec2InstanceInventory(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Optional<ObservedInstance> find(String instanceId) {
        return AwsCall.run("ec2:DescribeInstances", () -> {
            try {
                return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                        .flatMap(r -> r.instances().stream()).findFirst().map(Ec2InstanceInventory::observed);
            } catch (Ec2Exception e) {
                if (NOT_FOUND.equals(AwsCall.errorCode(e))) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void forEachPage(Consumer<List<ObservedInstance>> page) {
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse response = AwsCall.run("ec2:DescribeInstances",
                    () -> ec2.describeInstances(r -> r.maxResults(PAGE_SIZE).nextToken(next)));
            page.accept(response.reservations().stream().flatMap(r -> r.instances().stream()).map(Ec2InstanceInventory::observed).toList());
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
    }

    private static ObservedInstance observed(Instance instance) {
        return new ObservedInstance(instance.instanceId(), instance.imageId(),
                instance.state() == null ? null : instance.state().nameAsString());
    }
}
