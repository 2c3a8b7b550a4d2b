package io.gilder.compliance;

import io.gilder.registry.ActiveImageList;
import io.gilder.registry.GoldenParameters;
import java.util.Set;

/**
 * The active golden AMIs of an account and region as the compliance rule read them from
 * {@code /GoldenAMI/latest}, or why they could not be read. Membership is exact: an image id is
 * golden only when it equals a listed id, never when it merely contains or prefixes one.
 *
 * @param ids     the listed ids (empty when {@code problem} is set)
 * @param problem why the list is unusable (it does not exist, or could not be read), or {@code null}
 */
public record GoldenImageSet(Set<String> ids, String problem) {

    public GoldenImageSet {
        ids = Set.copyOf(ids);
    }

    public static GoldenImageSet of(ActiveImageList list) {
        return new GoldenImageSet(Set.copyOf(list.ids()), null);
    }

    /** The parameter does not exist in this account and region. */
    public static GoldenImageSet missing() {
        return new GoldenImageSet(Set.of(), GoldenParameters.LATEST + " does not exist in this account and region");
    }

    /** Reading the parameter failed, e.g. {@code "GetParameter failed with AccessDeniedException: ..."}. */
    public static GoldenImageSet unreadable(String reason) {
        return new GoldenImageSet(Set.of(), GoldenParameters.LATEST + " could not be read (" + reason + ")");
    }

    public boolean readable() {
        return problem == null;
    }

    public boolean contains(String imageId) {
        return imageId != null && ids.contains(imageId);
    }
}
