package io.gilder.build.cleanup;

import java.util.List;

/** What discarding a build removed; empty lists when there was nothing (left) to remove. */
public record DiscardReport(List<String> terminatedInstances, List<String> deletedImages, List<String> deletedSnapshots) {}
