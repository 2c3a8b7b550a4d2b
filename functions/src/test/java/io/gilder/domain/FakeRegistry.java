package io.gilder.domain;

import io.gilder.error.RegistryBusyException;
import io.gilder.error.VersionAlreadyRegisteredException;
import io.gilder.port.GoldenRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory {@link GoldenRegistry}: parameters in a map, the active list as a domain value. */
final class FakeRegistry implements GoldenRegistry {

    final Map<String, String> parameters = new HashMap<>();
    ActiveImageList latest = ActiveImageList.EMPTY;
    /** How often the active list was claimed for a change (each costs a lock round-trip in Parameter Store). */
    int claims;
    /** When set, the active list is held by someone else: reads work, changes are refused. */
    boolean busy;

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
        return false;
    }

    private void claim() {
        if (busy) {
            throw new RegistryBusyException("held by someone else");
        }
        claims++;
    }
}
