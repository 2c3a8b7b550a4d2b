package io.gilder.registry;

import io.gilder.error.RegistryBusyException;
import io.gilder.error.VersionAlreadyRegisteredException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared fake of {@link GoldenRegistry} (where fakes live: {@code io.gilder.testing}'s package-info): parameters in a map, the active list as a
 * domain value; {@link #busy} injects a lock held by someone else.
 */
public final class FakeGoldenRegistry implements GoldenRegistry {

    public final Map<String, String> parameters = new HashMap<>();
    public ActiveImageList latest = ActiveImageList.EMPTY;
    /** How often the active list was claimed for a change (each costs a lock round-trip in Parameter Store). */
    public int claims;
    /** The execution that holds the active list's lock (one that died holding it), or null. */
    public String lockHolder;
    /** When set, the active list is held by someone else: reads work, changes are refused. */
    public boolean busy;

    @Override
    public void registerImage(String parameterName, String imageId) {
        String existing = parameters.putIfAbsent(parameterName, imageId);
        if (existing != null && !existing.equals(imageId)) {
            throw new VersionAlreadyRegisteredException(parameterName + " holds " + existing);
        }
    }

    @Override
    public boolean unregisterImage(String parameterName, String imageId) {
        return parameters.remove(parameterName, imageId);
    }

    @Override
    public List<String> activeImages() {
        return latest.ids();
    }

    @Override
    public List<String> addActive(String imageId, String holder) {
        claim();
        latest = latest.with(imageId);
        return latest.ids();
    }

    @Override
    public List<String> removeActive(String imageId, String holder) {
        claim();
        latest = latest.without(imageId);
        return latest.ids();
    }

    @Override
    public boolean releaseLockOf(String holder) {
        if (holder != null && holder.equals(lockHolder)) {
            lockHolder = null;
            return true;
        }
        return false;
    }

    private void claim() {
        if (busy) {
            throw new RegistryBusyException("held by someone else");
        }
        claims++;
    }
}
