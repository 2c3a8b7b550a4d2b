package io.gilder.error;

/**
 * One rescan run would hold more images than its state can carry (Step Functions' 256 KiB limit on a state's
 * input and output); the run is refused before anything is launched.
 */
public final class TooManyImagesException extends TerminalException {

    public TooManyImagesException(String message) {
        super(message);
    }
}
