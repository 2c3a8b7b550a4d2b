package io.gilder.build.cleanup;

import java.util.List;

/**
 * What the clean-up of an ended execution did.
 *
 * @param ending       how the execution ended ({@code ABORTED}, {@code TIMED_OUT}, {@code FAILED})
 * @param lockReleased whether the execution held the active list's lock, now released
 * @param keptImages   golden images the execution registered before it ended: they stay
 * @param removed      what was removed (empty lists when nothing was left)
 * @param announced    the lifecycle event put for the ending ({@code Golden AMI Build Failed} for a started build that ended
 *                     where no Catch runs), or null when none was
 */
public record SweepReport(String ending, boolean lockReleased, List<String> keptImages, DiscardReport removed, String announced) {

    public SweepReport(String ending, boolean lockReleased, List<String> keptImages, DiscardReport removed) {
        this(ending, lockReleased, keptImages, removed, null);
    }

    public SweepReport withAnnounced(String detailType) {
        return new SweepReport(ending, lockReleased, keptImages, removed, detailType);
    }
}
