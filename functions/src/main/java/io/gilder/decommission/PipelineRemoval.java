package io.gilder.decommission;

/**
 * The last decommission step's work.
 *
 * @param source      the source image's removal from the source region
 * @param templateKey the deleted versioned template
 * @param manifestKey the distribution record now marked decommissioned (unchanged if there was none)
 */
public record PipelineRemoval(ImageRemoval source, String templateKey, String manifestKey) {}
