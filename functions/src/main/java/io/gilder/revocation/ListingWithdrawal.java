package io.gilder.revocation;

/**
 * What withdrawing an image from one account and region's {@code /GoldenAMI/latest} did.
 *
 * @param accountId the child account, or null for the pipeline account
 * @param removed   whether the id was listed and taken off now (false: it was not listed)
 */
public record ListingWithdrawal(String accountId, String region, String imageId, boolean removed) {}
