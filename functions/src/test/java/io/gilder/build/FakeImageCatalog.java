package io.gilder.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared fake of {@link ImageCatalog} (where fakes live: {@code io.gilder.testing}'s package-info): the images
 * visible to the account ({@link #visible}, for {@code find}) and those it owns ({@link #owned}, for
 * {@code ownedImages}), by id; every look-up recorded.
 */
public final class FakeImageCatalog implements ImageCatalog {

    public final Map<String, ImageFacts> visible = new HashMap<>();
    public final Map<String, ImageRecord> owned = new HashMap<>();
    /** The id of each {@code find}. */
    public final List<String> found = new ArrayList<>();
    /** The ids of each {@code ownedImages} call. */
    public final List<Collection<String>> describeCalls = new ArrayList<>();

    @Override
    public Optional<ImageFacts> find(String imageId) {
        found.add(imageId);
        return Optional.ofNullable(visible.get(imageId));
    }

    /** The owned ones among {@code imageIds}, in their order; unknown ids are absent. */
    @Override
    public List<ImageRecord> ownedImages(Collection<String> imageIds) {
        describeCalls.add(List.copyOf(imageIds));
        return imageIds.stream().map(owned::get).filter(Objects::nonNull).toList();
    }
}
