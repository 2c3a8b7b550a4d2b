package io.gilder.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gilder.registry.RegionalImage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSnapshotsResponse;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * The key of an encrypted golden image, as real EC2 reports it: {@code DescribeImages} says {@code Encrypted=true} on the
 * image's EBS mappings but never a {@code KmsKeyId} (in the EC2 API reference that member of EbsBlockDevice is a
 * parameter of RunInstances, RequestSpotInstances and CreateFleet only); {@code DescribeSnapshots} reports each snapshot's
 * {@code KmsKeyId}. moto cannot play this (its images always map an unencrypted snapshot of its own, and its snapshots
 * carry no key), so the two EC2 answers are SDK model objects here, shaped as the API reference documents them.
 * Before this, Gilder took an encrypted image's key from DescribeImages: on a real account every encrypted image read
 * as "the AWS managed key", so its distribution was refused and no grant was ever made.
 */
class Ec2RegionalImagesKeyTest {

    private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private final List<Object> requests = new ArrayList<>();

    private Ec2Client ec2(boolean encrypted, List<Snapshot> snapshots) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args[0] instanceof java.util.function.Consumer<?>) { // the SDK builds the request, then calls us
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            Object request = args == null ? null : args[0];
            requests.add(request);
            if (request instanceof DescribeImagesRequest) {
                return DescribeImagesResponse.builder().images(Image.builder().imageId("ami-0123456789abcdef0").name("golden")
                        .state("available").blockDeviceMappings(b -> b.deviceName("/dev/xvda")
                                .ebs(e -> e.snapshotId("snap-0123456789abcdef0").encrypted(encrypted).volumeSize(8))).build()).build();
            }
            if (request instanceof DescribeSnapshotsRequest) {
                return DescribeSnapshotsResponse.builder().snapshots(snapshots).build();
            }
            if (method.getName().equals("close")) {
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (Ec2Client) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Ec2Client.class}, handler);
    }

    private RegionalImage keyed(Ec2RegionalImages images) {
        RegionalImage described = images.describe("eu-west-1", "ami-0123456789abcdef0").orElseThrow();
        assertThat(described.kmsKeyId()).as("DescribeImages reports no key").isNull();
        return images.withSnapshotKey("eu-west-1", described);
    }

    @Test
    void anEncryptedImagesKeyIsReadFromItsSnapshots() {
        Ec2RegionalImages images = new Ec2RegionalImages(region -> ec2(true, List.of(Snapshot.builder()
                .snapshotId("snap-0123456789abcdef0").encrypted(true).kmsKeyId(KEY).build())));

        RegionalImage image = keyed(images);

        assertThat(image.encrypted()).isTrue();
        assertThat(image.kmsKeyId()).isEqualTo(KEY);
        assertThat(requests).filteredOn(DescribeSnapshotsRequest.class::isInstance).singleElement()
                .satisfies(r -> {
                    assertThat(((DescribeSnapshotsRequest) r).snapshotIds()).containsExactly("snap-0123456789abcdef0");
                    assertThat(((DescribeSnapshotsRequest) r).ownerIds()).containsExactly("self");
                });
    }

    @Test
    void anUnencryptedImageCostsNoSnapshotRead() {
        Ec2RegionalImages images = new Ec2RegionalImages(region -> ec2(false, List.of()));

        RegionalImage image = keyed(images);

        assertThat(image.encrypted()).isFalse();
        assertThat(image.kmsKeyId()).isNull();
        assertThat(requests).noneMatch(DescribeSnapshotsRequest.class::isInstance);
    }

    @Test
    void anEncryptedImageWhoseSnapshotsReportNoKeyKeepsNoKey() {
        Ec2RegionalImages images = new Ec2RegionalImages(region -> ec2(true, List.of()));

        assertThat(keyed(images).kmsKeyId()).isNull();
    }
}
