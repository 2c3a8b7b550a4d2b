package io.gilder.error;

/** A golden image is already registered under this product, OS and build version. */
public final class VersionAlreadyRegisteredException extends TerminalException {

    public VersionAlreadyRegisteredException(String message) {
        super(message);
    }
}
