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
            String image = ec2.createImage(r -> r.instanceId(instance).name("gilder/" + product).tagSpecifications(t -> t
                    .resourceType("image").tags(Tag.builder().key("AMI-Type").value("Golden").build(),
                            Tag.builder().key("Product").value(product).build(),
                            // /GoldenAMI/<os>/<product>/<version>: the OS and Version tags a build puts on the image too.
                            Tag.builder().key("OS").value(parameter.split("/")[2]).build(),
                            Tag.builder().key("Version").value(parameter.substring(parameter.lastIndexOf('/') + 1)).build()))).imageId();
            ec2.terminateInstances(r -> r.instanceIds(instance));
            ssm.putParameter(r -> r.name(parameter).value(image).type(ParameterType.STRING).dataType("aws:ec2:image"));
            return image;
        }
    }
}
