package io.gilder.distribution;

import java.util.List;

/** The image of a region after sharing: {@code sharedWith} are the requested accounts, all of which may now launch it. */
public record ImageShare(String region, String imageId, List<String> sharedWith) {

    public ImageShare {
        sharedWith = List.copyOf(sharedWith);
    }
}
