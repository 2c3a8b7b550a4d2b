package io.gilder.error;

/**
 * Another distribution, revocation or decommission of the same version holds its lock right now: the workflow that
 * tried second stops before it changes anything. Start it again once the holder has ended.
 */
public final class VersionLockedException extends TerminalException {

    public VersionLockedException(String message) {
        super(message);
    }
}
