package io.gilder.error;

/** A builder or test instance was terminated (or vanished) while the workflow still needed it. */
public final class InstanceLostException extends TerminalException {

    public InstanceLostException(String message) {
        super(message);
    }
}
