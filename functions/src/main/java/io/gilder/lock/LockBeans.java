package io.gilder.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The lock room's service, made from its ports. */
@ApplicationScoped
public class LockBeans {

    @Produces
    @ApplicationScoped
    VersionLocking versionLocking(VersionLocks locks, LockHolders holders) {
        return new VersionLocking(locks, holders, Clock.systemUTC());
    }
}
