package io.gilder.aws;

import io.gilder.build.ImageRecord;
import io.gilder.build.TaggedSnapshot;
import io.gilder.build.cleanup.ExecutionResources;
import io.gilder.registry.GilderTags;
import io.gilder.scan.ScanSubject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/** {@link ExecutionResources} on EC2, by the {@code gilder:execution} tag, owner {@code self}. */
@ApplicationScoped
public class Ec2ExecutionResources implements ExecutionResources {

    /** Every instance state but {@code shutting-down} and {@code terminated}. */
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private final Ec2Client ec2;

    @Inject
    public Ec2ExecutionResources(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /**
     * The execution's own live instances and, for a rescan run, its images' instances: each Distributed Map child
     * launches under its own execution id, so those carry the run in {@code gilder:rescan-run}.
     */
    @Override
    public List<String> liveInstances(String executionArn) {
        Set<String> ids = new LinkedHashSet<>(liveInstancesTagged(GilderTags.EXECUTION, executionArn));
        ids.addAll(liveInstancesTagged(ScanSubject.RESCAN_RUN, executionArn));
        return List.copyOf(ids);
    }

    private List<String> liveInstancesTagged(String key, String value) {
        return AwsCall.run("ec2:DescribeInstances", () -> ec2.describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + key).values(value).build(),
                        Filter.builder().name("instance-state-name").values(LIVE_STATES).build()))
                .reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .map(Instance::instanceId)
                .toList());
    }

    @Override
    public List<ImageRecord> images(String executionArn) {
        return AwsCall.run("ec2:DescribeImages", () -> ec2.describeImagesPaginator(r -> r.owners("self")
                        .filters(executionTag(executionArn))).images().stream()
                .map(Ec2ImageFactory::record)
                .toList());
    }

    @Override
    public List<TaggedSnapshot> snapshots(String executionArn) {
        return AwsCall.run("ec2:DescribeSnapshots", () -> ec2.describeSnapshotsPaginator(r -> r.ownerIds("self")
                        .filters(executionTag(executionArn))).snapshots().stream()
                .map(s -> new TaggedSnapshot(s.snapshotId(), Ec2ImageFactory.tagMap(s.tags())))
                .toList());
    }

    @Override
    public boolean terminateInstance(String instanceId) {
        return AwsCall.run("ec2:TerminateInstances", () -> {
            try {
                ec2.terminateInstances(r -> r.instanceIds(instanceId));
                return true;
            } catch (Ec2Exception e) {
                if ("InvalidInstanceID.NotFound".equals(AwsCall.errorCode(e))) {
                    return false;
                }
                throw e;
            }
        });
    }

    private static Filter executionTag(String executionArn) {
        return Filter.builder().name("tag:" + GilderTags.EXECUTION).values(executionArn).build();
    }
}
