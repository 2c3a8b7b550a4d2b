package io.gilder.error;

/**
 * Gilder refused a step that could leave a golden image or its snapshots public: EC2 block public access for AMIs or
 * for snapshots is off in a region the distribution reaches, a share named the group {@code all} instead of accounts,
 * or an image or snapshot about to be shared is already public. Nothing is shared; the message says what to change.
 */
public final class PublicSharingRefusedException extends TerminalException {

    public PublicSharingRefusedException(String message) {
        super(message);
    }
}
