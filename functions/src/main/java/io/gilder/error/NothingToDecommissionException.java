package io.gilder.error;

/** Neither a distribution record nor a registry parameter names the build to decommission. */
public final class NothingToDecommissionException extends TerminalException {

    public NothingToDecommissionException(String message) {
        super(message);
    }
}
