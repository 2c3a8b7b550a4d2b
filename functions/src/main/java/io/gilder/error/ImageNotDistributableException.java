package io.gilder.error;

/**
 * The golden image named by a distribution request cannot be distributed: its parameter names no
 * image of the pipeline account, the image is not available, or it is encrypted (refused on purpose:
 * copying an encrypted AMI needs a KMS key in every target region and key grants to every account).
 */
public final class ImageNotDistributableException extends TerminalException {

    public ImageNotDistributableException(String message) {
        super(message);
    }
}
