package io.gilder.build;

/**
 * What Gilder needs to know about an AMI.
 *
 * @param state        EC2 image state, e.g. {@code available}, {@code pending}
 * @param rootDeviceType {@code ebs} or {@code instance-store}
 * @param platform     {@code windows} for Windows images, {@code null} otherwise (as EC2 reports it)
 */
public record ImageFacts(
        String imageId,
        String name,
        String state,
        String rootDeviceType,
        String platform,
        String architecture,
        String rootDeviceName) {}
