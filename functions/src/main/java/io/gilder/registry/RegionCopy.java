package io.gilder.registry;

/**
 * The golden image in one region.
 *
 * @param copied true when {@code imageId} is a regional copy (made now or by an earlier run), false in the
 *               home region, where it is the golden image itself
 */
public record RegionCopy(String region, String imageId, boolean copied) {}
