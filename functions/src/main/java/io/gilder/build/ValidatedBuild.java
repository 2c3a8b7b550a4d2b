package io.gilder.build;

/** A build request that passed every check, with what was learned about its source image. */
public record ValidatedBuild(BuildRequest request, ImageFacts sourceImage, BuildSettings settings) {}
