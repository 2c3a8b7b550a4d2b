package io.gilder.build.cleanup;

/**
 * Puts a Gilder lifecycle event (docs/events.md) from a function, for the one ending the state machines cannot announce
 * themselves: a build that ended where no Catch runs.
 */
public interface LifecycleAnnouncer {

    /** @return whether EventBridge took the event */
    boolean buildFailed(UncaughtBuildEnding.Failure failure);
}
