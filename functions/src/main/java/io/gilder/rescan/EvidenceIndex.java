package io.gilder.rescan;

import java.time.Instant;
import java.util.List;

/** Lists what the {@link EvidenceStore} holds, e.g. every scan of an image. */
public interface EvidenceIndex {

    /** One stored object. */
    record Entry(String key, Instant lastModified) {}

    /**
     * Every object whose key starts with {@code prefix}, reading every page.
     *
     * @throws io.gilder.error.GilderException when a listing call fails
     */
    List<Entry> list(String prefix);
}
