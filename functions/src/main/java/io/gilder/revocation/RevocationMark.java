package io.gilder.revocation;

import java.util.List;

/**
 * What marking a revoked image did.
 *
 * @param tagged           {@code "<region> <image id>"} of each image tagged now
 * @param missing          {@code "<region> <image id>"} of each image the plan names that no longer exists
 * @param manifestRecorded whether the revocation was recorded in the distribution manifest (false: the version has none)
 */
public record RevocationMark(String at, List<String> tagged, List<String> missing, String manifestKey, boolean manifestRecorded) {

    public RevocationMark {
        tagged = tagged == null ? List.of() : List.copyOf(tagged);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
