package io.gilder.error;

/** A regional copy of a golden image failed, or disappeared, before it became available. */
public final class ImageCopyFailedException extends TerminalException {

    public ImageCopyFailedException(String message) {
        super(message);
    }
}
