package io.gilder.revocation;

import java.util.List;

/**
 * What retention did after an approval.
 *
 * @param keep       the newest versions kept ({@code RetainVersions}; 0 = all, nothing is done)
 * @param deprecated the images of older versions: deprecated now, already deprecated, or gone
 * @param failed     {@code "<version> <region> <image> (<error>)"} of each image not deprecated
 */
public record RetentionReport(int keep, List<String> olderVersions, List<ImageDeprecated> deprecated, List<String> failed) {

    public RetentionReport {
        olderVersions = List.copyOf(olderVersions);
        deprecated = List.copyOf(deprecated);
        failed = List.copyOf(failed);
    }
}
