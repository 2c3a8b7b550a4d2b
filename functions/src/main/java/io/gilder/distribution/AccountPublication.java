package io.gilder.distribution;

/** A child account and region whose Parameter Store now names the golden image. */
public record AccountPublication(String accountId, String region, String parameterName) {}
