package io.gilder.encryption;

import java.util.List;
import java.util.Locale;

/**
 * The grants Gilder creates so that a target account can launch from an encrypted copy: one per image, account and
 * key, named {@code gilder-<image id>-<account>} so that a retry finds it and decommission revokes exactly the grants
 * of the image it removes (another version shared with the same account keeps its own grant).
 */
public final class KeyGrants {

    /**
     * What a child account needs to launch an instance from the shared encrypted image and create volumes from its
     * snapshots (EC2 creates its own grant for the volume through {@code CreateGrant}, and re-encrypts with
     * {@code ReEncrypt*} when the launch names another key).
     */
    public static final List<String> OPERATIONS = List.of("Decrypt", "DescribeKey", "CreateGrant", "GenerateDataKeyWithoutPlaintext",
            "ReEncryptFrom", "ReEncryptTo");

    private KeyGrants() {}

    /** The prefix of every grant of this image: {@code gilder-<source image id>-}. */
    public static String prefix(String sourceImageId) {
        return "gilder-" + sourceImageId.toLowerCase(Locale.ROOT) + "-";
    }

    public static String name(String sourceImageId, String accountId) {
        return prefix(sourceImageId) + accountId;
    }
}
