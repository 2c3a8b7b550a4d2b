package io.gilder.compliance;

/**
 * What the compliance rule needs to know of an EC2 instance.
 *
 * @param imageId the image it was launched from; {@code null} when the source did not say
 * @param state   EC2's state name ({@code pending}, {@code running}, {@code stopped}, {@code terminated}, ...);
 *                {@code null} when unknown
 */
public record ObservedInstance(String instanceId, String imageId, String state) {}
