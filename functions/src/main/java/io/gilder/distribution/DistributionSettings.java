package io.gilder.distribution;

/** Numbers the distribution state machine takes from its state: seconds each Wait state waits. */
public record DistributionSettings(int pollSeconds) {}
