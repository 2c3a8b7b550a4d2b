package io.gilder.local;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/** Source AMIs from the emulator's public image catalog. */
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
}
