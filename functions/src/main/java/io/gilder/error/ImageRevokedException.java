package io.gilder.error;

/**
 * A revoked image was about to be published (added to {@code /GoldenAMI/latest}): the registry re-reads the image's
 * revocation mark inside its critical section and refuses, so a revocation that landed after validation still wins.
 */
public final class ImageRevokedException extends TerminalException {

    public ImageRevokedException(String message) {
        super(message);
    }
}
