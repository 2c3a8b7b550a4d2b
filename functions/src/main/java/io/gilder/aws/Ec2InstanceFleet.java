package io.gilder.aws;

import io.gilder.config.GilderConfig;
import io.gilder.error.AwsTransientException;
import io.gilder.instance.InstanceFacts;
import io.gilder.instance.InstanceFleet;
import io.gilder.instance.InstanceLaunch;
import io.gilder.instance.LaunchedInstance;
import io.gilder.instance.TaggedInstance;
import io.gilder.registry.GilderTags;
import io.gilder.registry.InstanceRole;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Builder and test instances on EC2: in the configured private subnet, without a public address,
 * in the security group without ingress, with the SSM instance profile, IMDSv2 only (hop limit 1, so
 * containers on the instance cannot reach the instance's credentials), instance and volumes tagged.
 *
 * <p>A launch is idempotent twice over: it first looks for a live instance tagged with the same
 * execution and role, and {@code RunInstances} carries the launch's client token, so even two
 * attempts racing each other get one instance.
 */
@Singleton
public final class Ec2InstanceFleet implements InstanceFleet {

    private static final String NOT_FOUND = "InvalidInstanceID.NotFound";
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");
    private static final Set<String> STOPPING_OR_GONE = Set.of("stopping", "stopped", "shutting-down", "terminated");

    private final Ec2Client ec2;
    private final String subnetId;
    private final String securityGroupId;
    private final String testSecurityGroupId;
    private final String instanceProfile;
    /** Key of the builder's root volume: null leaves it as the source image and account defaults make it; "" the account default key. */
    private String builderVolumeKey;

    @Inject
    Ec2InstanceFleet(Ec2Client ec2, GilderConfig config, io.gilder.config.EncryptionConfig encryption) {
        this(ec2, config.builder().subnetId().orElse(null), config.builder().securityGroupId().orElse(null),
                config.builder().testSecurityGroupId().or(config.builder()::securityGroupId).orElse(null),
                config.builder().instanceProfile().orElse(null));
        this.builderVolumeKey = switch (io.gilder.encryption.ImageEncryption.parse(encryption.mode())) {
            case CUSTOMER_MANAGED_KEY -> encryption.imageKeyArn().filter(k -> !k.isBlank()).orElse("");
            case ACCOUNT_DEFAULT -> "";
            case NONE -> null;
        };
    }

    /**
     * The builder's root volume encrypted with {@code key} ("" the account's default EBS key; null as the source image
     * has it), so the candidate's snapshots, and the golden image, are encrypted with the stack's image key.
     */
    public Ec2InstanceFleet withBuilderVolumeKey(String key) {
        this.builderVolumeKey = key;
        return this;
    }

    /**
     * Settings may be {@code null}: {@link #launch} then fails naming the missing environment variable.
     *
     * @param instanceProfile instance profile name or ARN
     */
    public Ec2InstanceFleet(Ec2Client ec2, String subnetId, String securityGroupId, String instanceProfile) {
        this(ec2, subnetId, securityGroupId, securityGroupId, instanceProfile);
    }

    /**
     * @param testSecurityGroupId group of test and rescan instances (the scanner appliance may reach
     *                            them); builders always get {@code securityGroupId}, which has no inbound rule
     */
    public Ec2InstanceFleet(Ec2Client ec2, String subnetId, String securityGroupId, String testSecurityGroupId,
            String instanceProfile) {
        this.ec2 = ec2;
        this.subnetId = subnetId;
        this.securityGroupId = securityGroupId;
        this.testSecurityGroupId = testSecurityGroupId;
        this.instanceProfile = instanceProfile;
    }

    @Override
    public LaunchedInstance launch(InstanceLaunch launch) {
        String subnet = required(subnetId, "GILDER_BUILDER_SUBNET_ID");
        String group = launch.role() == InstanceRole.BUILDER ? required(securityGroupId, "GILDER_BUILDER_SECURITY_GROUP_ID")
                : required(testSecurityGroupId, "GILDER_BUILDER_TEST_SECURITY_GROUP_ID");
        String profile = required(instanceProfile, "GILDER_BUILDER_INSTANCE_PROFILE");
        return alreadyLaunched(launch).orElseGet(() -> launched(AwsCall.run("ec2:RunInstances", () -> ec2.runInstances(r -> r
                .imageId(launch.imageId())
                .instanceType(launch.instanceType())
                .minCount(1)
                .maxCount(1)
                .clientToken(launch.clientToken())
                .iamInstanceProfile(p -> {
                    if (profile.startsWith("arn:")) {
                        p.arn(profile);
                    } else {
                        p.name(profile);
                    }
                })
                .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpPutResponseHopLimit(1)
                        .httpEndpoint(InstanceMetadataEndpointState.ENABLED))
                .networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0).subnetId(subnet).groups(group)
                        .associatePublicIpAddress(false).deleteOnTermination(true).build())
                .blockDeviceMappings(encryptedRoot(launch))
                .tagSpecifications(tagged(ResourceType.INSTANCE, launch), tagged(ResourceType.VOLUME, launch))))
                .instances().get(0)));
    }

    /** The builder's root volume mapping when a key is configured, else none (the source image's own mapping). */
    private List<software.amazon.awssdk.services.ec2.model.BlockDeviceMapping> encryptedRoot(InstanceLaunch launch) {
        if (builderVolumeKey == null || launch.role() != InstanceRole.BUILDER) {
            return List.of();
        }
        var image = AwsCall.run("ec2:DescribeImages", () -> ec2.describeImages(r -> r.imageIds(launch.imageId())).images().stream()
                .findFirst().orElse(null));
        var root = image == null ? null : image.blockDeviceMappings().stream()
                .filter(m -> m.ebs() != null && image.rootDeviceName().equals(m.deviceName())).findFirst().orElse(null);
        if (root == null) {
            return List.of();
        }
        // The source's own size (EC2 takes the snapshot from the image; the mapping only changes its encryption).
        return List.of(software.amazon.awssdk.services.ec2.model.BlockDeviceMapping.builder().deviceName(root.deviceName()).ebs(e -> {
            e.encrypted(true).deleteOnTermination(true).volumeSize(root.ebs().volumeSize());
            if (!builderVolumeKey.isEmpty()) {
                e.kmsKeyId(builderVolumeKey);
            }
        }).build());
    }

    @Override
    public Optional<InstanceFacts> describe(String instanceId) {
        return AwsCall.run("ec2:DescribeInstances", () -> {
            try {
                return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                        .flatMap(reservation -> reservation.instances().stream())
                        .filter(instance -> instanceId.equals(instance.instanceId()))
                        .findFirst()
                        .map(i -> new InstanceFacts(i.instanceId(), i.state().nameAsString(), i.privateIpAddress()));
            } catch (Ec2Exception e) {
                if (NOT_FOUND.equals(AwsCall.errorCode(e))) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public boolean statusChecksPassed(String instanceId) {
        return AwsCall.run("ec2:DescribeInstanceStatus", () -> ec2.describeInstanceStatus(r -> r.instanceIds(instanceId))
                .instanceStatuses().stream()
                .anyMatch(s -> s.instanceStatus() != null && s.instanceStatus().status() == SummaryStatus.OK
                        && s.systemStatus() != null && s.systemStatus().status() == SummaryStatus.OK));
    }

    @Override
    public void stop(String instanceId) {
        AwsCall.run("ec2:StopInstances", () -> {
            try {
                return ec2.stopInstances(r -> r.instanceIds(instanceId));
            } catch (Ec2Exception e) {
                String code = AwsCall.errorCode(e);
                if (NOT_FOUND.equals(code)) {
                    return null;
                }
                if ("IncorrectInstanceState".equals(code)) {
                    return stopRefused(instanceId, e);
                }
                throw e;
            }
        });
    }

    /** Calls TerminateInstances only for an instance not yet going away, so a retry changes nothing. */
    @Override
    public void terminate(String instanceId) {
        if (describe(instanceId).map(facts -> !facts.isLost()).orElse(false)) {
            AwsCall.run("ec2:TerminateInstances", () -> {
                try {
                    return ec2.terminateInstances(r -> r.instanceIds(instanceId));
                } catch (Ec2Exception e) {
                    if (NOT_FOUND.equals(AwsCall.errorCode(e))) {
                        return null;
                    }
                    throw e;
                }
            });
        }
    }

    /** {@code DescribeInstances} with one filter per tag and the live states, {@value #PAGE_SIZE} a page, to the last page. */
    @Override
    public void forEachLive(Map<String, String> tags, Consumer<List<TaggedInstance>> page) {
        List<Filter> filters = new ArrayList<>();
        tags.forEach((key, value) -> filters.add(tagFilter(key, value)));
        filters.add(Filter.builder().name("instance-state-name").values(LIVE_STATES).build());
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse response = AwsCall.run("ec2:DescribeInstances",
                    () -> ec2.describeInstances(r -> r.filters(filters).maxResults(PAGE_SIZE).nextToken(next)));
            page.accept(response.reservations().stream().flatMap(r -> r.instances().stream())
                    .map(i -> new TaggedInstance(i.instanceId(), i.state() == null ? null : i.state().nameAsString(), i.launchTime(),
                            Ec2ImageFactory.tagMap(i.tags())))
                    .toList());
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
    }

    /**
     * {@code TerminateInstances}, {@value #TERMINATE_BATCH} ids a call. EC2 refuses a whole call when one id is
     * unknown; that batch is then asked for one id at a time, skipping the unknown ones.
     */
    @Override
    public List<String> terminateAll(Collection<String> instanceIds) {
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(instanceIds));
        List<String> asked = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += TERMINATE_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + TERMINATE_BATCH));
            if (terminateBatch(batch)) {
                asked.addAll(batch);
            } else {
                batch.stream().filter(id -> terminateBatch(List.of(id))).forEach(asked::add);
            }
        }
        return asked;
    }

    /** @return false when EC2 refused the call because an id is unknown */
    private boolean terminateBatch(List<String> batch) {
        return AwsCall.run("ec2:TerminateInstances", () -> {
            try {
                ec2.terminateInstances(r -> r.instanceIds(batch));
                return true;
            } catch (Ec2Exception e) {
                if (NOT_FOUND.equals(AwsCall.errorCode(e))) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** The most {@code DescribeInstances} returns per call. */
    static final int PAGE_SIZE = 1000;
    /** Ids per {@code TerminateInstances} call. */
    static final int TERMINATE_BATCH = 1000;

    /** EC2 refuses to stop a pending instance (retry later) and one already going away (fine). */
    private Void stopRefused(String instanceId, Ec2Exception refusal) {
        String state = describe(instanceId).map(InstanceFacts::state).orElse("terminated");
        if (STOPPING_OR_GONE.contains(state)) {
            return null;
        }
        throw new AwsTransientException("ec2:StopInstances refused for " + instanceId + " in state " + state, refusal);
    }

    private Optional<LaunchedInstance> alreadyLaunched(InstanceLaunch launch) {
        return AwsCall.run("ec2:DescribeInstances", () -> ec2.describeInstances(r -> r.filters(
                        tagFilter(GilderTags.EXECUTION, launch.executionArn()),
                        tagFilter(GilderTags.ROLE, launch.role().tagValue()),
                        Filter.builder().name("image-id").values(launch.imageId()).build(),
                        Filter.builder().name("instance-state-name").values(LIVE_STATES).build()))
                .reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .findFirst()
                .map(Ec2InstanceFleet::launched));
    }

    private static LaunchedInstance launched(Instance instance) {
        return new LaunchedInstance(instance.instanceId(), instance.privateIpAddress());
    }

    private static Filter tagFilter(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }

    private static TagSpecification tagged(ResourceType type, InstanceLaunch launch) {
        return TagSpecification.builder().resourceType(type)
                .tags(launch.tags().entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                .build();
    }

    private static String required(String value, String environmentVariable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(environmentVariable + " is not set: builder and test instances need it");
        }
        return value;
    }
}
