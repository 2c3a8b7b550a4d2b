package io.gilder.error;

/** Instances still run from the image being decommissioned (and the request is not forced): stop them, or re-run with force. */
public final class ImageInUseException extends TerminalException {

    public ImageInUseException(String message) {
        super(message);
    }
}
