package io.gilder.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The shared fake of {@link DistributionManifests} (where fakes live: {@code io.gilder.testing}'s package-info): the
 * manifests by key, described as {@code s3://evidence/<key>}. {@link #refuseWrites} fails every write, for the
 * services that only read.
 */
public final class FakeDistributionManifests implements DistributionManifests {

    public final Map<String, DistributionManifest> byKey = new LinkedHashMap<>();
    /** When set, a write fails the test: the service under test must only read. */
    public boolean refuseWrites;

    @Override
    public Optional<DistributionManifest> read(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public Optional<DistributionManifest> update(String key, UnaryOperator<Optional<DistributionManifest>> change) {
        Optional<DistributionManifest> current = read(key);
        Optional<DistributionManifest> changed = change.apply(current);
        if (changed.isPresent() && !changed.equals(current)) {
            write(changed.get());
        }
        return changed;
    }

    /** Stores {@code manifest} under its key, as a test arranges it. */
    public void write(DistributionManifest manifest) {
        if (refuseWrites) {
            throw new AssertionError("this service only reads manifests, yet wrote " + manifest.key());
        }
        byKey.put(manifest.key(), manifest);
    }

    @Override
    public String describe(String key) {
        return "s3://evidence/" + key;
    }

    /** A fake that fails every write. */
    public static FakeDistributionManifests readOnly() {
        FakeDistributionManifests fake = new FakeDistributionManifests();
        fake.refuseWrites = true;
        return fake;
    }
}
