package io.gilder.error;

/** Another build of the same product, OS and build version is running: two builds of one version never run at once. */
public final class VersionInProgressException extends TerminalException {

    public VersionInProgressException(String message) {
        super(message);
    }
}
