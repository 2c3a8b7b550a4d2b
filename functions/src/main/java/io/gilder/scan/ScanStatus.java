package io.gilder.scan;

/** Where a vulnerability scan stands, in scanner-neutral terms. */
public enum ScanStatus {
    /** Accepted but not scanning yet (Qualys: Submitted, Queued, Loading). */
    QUEUED,
    /** Scanning. */
    RUNNING,
    /** Held by the scanner (e.g. outside its scan window); may resume on its own. */
    PAUSED,
    /** Done: results can be fetched. */
    FINISHED,
    /** Ended without results (Qualys: Error). */
    FAILED,
    /** Stopped by a person or the scanner (Qualys: Canceled). */
    CANCELED,
    /**
     * Ended in a way that proves no scan of the target: finished with no live host (Qualys {@code Finished
     * (No_Host)}), a sub-state Gilder does not know, coverage that excludes the instance (Inspector).
     */
    NOT_SCANNED;

    /** The scan has results. */
    public boolean finished() {
        return this == FINISHED;
    }

    /** The scan ended and will never have results. */
    public boolean failed() {
        return this == FAILED || this == CANCELED || this == NOT_SCANNED;
    }
}
