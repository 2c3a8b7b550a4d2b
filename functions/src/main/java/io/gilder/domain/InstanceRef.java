package io.gilder.domain;

/** Input and output of {@code stop-instance} and {@code terminate-instance}. */
public record InstanceRef(String instanceId) {}
