package io.gilder.build;

/** The image a build captured from its stopped builder instance, awaiting scan and approval. */
public record CandidateImage(String imageId, String imageName) {}
