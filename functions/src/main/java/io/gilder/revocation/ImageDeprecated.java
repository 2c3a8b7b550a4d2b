package io.gilder.revocation;

/**
 * What deprecating one image did.
 *
 * @param deprecateAt when the image is deprecated (ISO-8601), or null when it no longer exists
 * @param changed     whether Gilder set the deprecation time now (false: it already was deprecated as early, or is gone)
 */
public record ImageDeprecated(String region, String imageId, String deprecateAt, boolean changed) {}
