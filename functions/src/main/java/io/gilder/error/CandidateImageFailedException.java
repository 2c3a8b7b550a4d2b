package io.gilder.error;

/** EC2 could not make the candidate image (it failed, became invalid or disappeared); the message says why. */
public final class CandidateImageFailedException extends TerminalException {

    public CandidateImageFailedException(String message) {
        super(message);
    }
}
