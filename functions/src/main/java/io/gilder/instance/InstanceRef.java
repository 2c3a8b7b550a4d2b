package io.gilder.instance;

/** Input and output of {@code stop-instance} and {@code terminate-instance}. */
public record InstanceRef(String instanceId) {}
