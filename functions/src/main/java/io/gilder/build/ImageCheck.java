package io.gilder.build;

import java.util.List;

/**
 * One check of the "image available" wait loop.
 *
 * @param snapshotIds the image's snapshots, tagged like the image; empty until {@code done}
 */
public record ImageCheck(boolean done, int attempt, List<String> snapshotIds) {}
