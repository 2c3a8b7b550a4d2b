package io.gilder.local;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Source AMIs from the emulator's public image catalog, and golden images as a build leaves them. */
public final class LocalImages {

    private LocalImages() {}

    /** An available, EBS-backed Amazon Linux image owned by Amazon. */
    public static String amazonLinux(Ec2Client ec2) {
        return ec2.describeImages(r -> r.owners("amazon")).images().stream()
                .filter(i -> i.platform() == null && "ebs".equals(i.rootDeviceTypeAsString()) && i.name().contains("amzn")
                        && "available".equals(i.stateAsString()))
                .map(Image::imageId).findFirst()
                .orElseThrow(() -> new IllegalStateException("the emulator's catalog has no Amazon Linux EBS image"));
    }

    /**
     * A golden image as build-golden-ami leaves it, without running a build: an available EBS image of
     * the pipeline account tagged Golden, and its version parameter ({@code aws:ec2:image}).
     *
     * @return the image id
     */
    public static String registerGolden(LocalStack aws, String product, String parameter) {
        try (Ec2Client ec2 = aws.inspector(Ec2Client.builder()); SsmClient ssm = aws.inspector(SsmClient.builder())) {
            String instance = ec2.runInstances(r -> r.imageId(amazonLinux(ec2)).instanceType("t3.micro").minCount(1).maxCount(1))
                    .instances().get(0).instanceId();
            // /GoldenAMI/<os>/<product>/<version>: the OS and Version tags a build puts on the image too; and, as a build
            // does, the same tags on the image's snapshots at CreateImage (sharing requires AMI-Type=Golden on them).
            java.util.List<Tag> tags = java.util.List.of(Tag.builder().key("AMI-Type").value("Golden").build(),
                    Tag.builder().key("Product").value(product).build(),
                    Tag.builder().key("OS").value(parameter.split("/")[2]).build(),
                    Tag.builder().key("Version").value(parameter.substring(parameter.lastIndexOf('/') + 1)).build());
            String image = ec2.createImage(r -> r.instanceId(instance).name("gilder/" + product).tagSpecifications(
                    t -> t.resourceType("image").tags(tags), t -> t.resourceType("snapshot").tags(tags))).imageId();
            ec2.terminateInstances(r -> r.instanceIds(instance));
            ssm.putParameter(r -> r.name(parameter).value(image).type(ParameterType.STRING).dataType("aws:ec2:image"));
            return image;
        }
    }

    /**
     * An image of the caller's account registered from a fresh 8 GiB snapshot in {@code availabilityZone}, with
     * {@code tags} (none when empty), as a test needs one without a build.
     */
    public static String registerTagged(Ec2Client ec2, String availabilityZone, String namePrefix, java.util.Map<String, String> tags) {
        String volume = ec2.createVolume(r -> r.availabilityZone(availabilityZone).size(8)).volumeId();
        String snapshot = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        String imageId = ec2.registerImage(r -> r.name(namePrefix + java.util.UUID.randomUUID()).rootDeviceName("/dev/xvda")
                .architecture("x86_64").virtualizationType("hvm")
                .blockDeviceMappings(d -> d.deviceName("/dev/xvda").ebs(e -> e.snapshotId(snapshot)))).imageId();
        if (!tags.isEmpty()) {
            ec2.createTags(r -> r.resources(imageId).tags(tags(tags)));
        }
        return imageId;
    }

    /** One t3.micro instance of an Amazon Linux catalog image, launched with {@code tags}. */
    public static String launchTagged(Ec2Client ec2, java.util.Map<String, String> tags) {
        String image = amazonLinux(ec2);
        return ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType("instance").tags(tags(tags)))).instances().get(0).instanceId();
    }

    private static java.util.List<Tag> tags(java.util.Map<String, String> tags) {
        return tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }
}
