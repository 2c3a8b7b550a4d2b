package io.gilder.distribution;

import io.gilder.error.PublicSharingRefusedException;
import io.gilder.registry.RegionalImages;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gilder never makes an image or snapshot public: it shares with 12-digit account ids only, never with the group
 * {@code all}, and it does not share onward what someone else already made public.
 */
final class PublicSharing {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

    private PublicSharing() {}

    /**
     * @return {@code recipients}, once each is known to be an account id
     * @throws PublicSharingRefusedException naming every entry that is not (e.g. {@code all})
     */
    static List<String> accountsOnly(String imageId, Collection<String> recipients) {
        List<String> refused = recipients.stream().filter(r -> r == null || !ACCOUNT_ID.matcher(r).matches())
                .map(r -> "'" + r + "'").toList();
        if (!refused.isEmpty()) {
            throw new PublicSharingRefusedException("Refusing to share " + imageId + " with " + String.join(", ", refused)
                    + ": Gilder shares images and snapshots with 12-digit account ids only, never with the group "
                    + RegionalImages.PUBLIC + " (public)");
        }
        return List.copyOf(recipients);
    }

    /** @throws PublicSharingRefusedException when {@code permissions} (of an image or snapshot) make it public */
    static void refuseIfPublic(String resource, String region, Set<String> permissions) {
        if (permissions.contains(RegionalImages.PUBLIC)) {
            throw new PublicSharingRefusedException(resource + " in " + region + " is public (its permissions name the group "
                    + RegionalImages.PUBLIC + "); Gilder did not make it so and shares nothing further until it is private again: "
                    + "remove the public permission (aws ec2 modify-image-attribute / modify-snapshot-attribute with Remove "
                    + "Group=all) and turn on EC2 block public access in " + region + ", then re-run the distribution");
        }
    }
}
