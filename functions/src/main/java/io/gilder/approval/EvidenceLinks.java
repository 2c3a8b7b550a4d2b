package io.gilder.approval;

import java.util.Optional;

/** Turns a stored evidence object ({@code s3://bucket/key}) into a link a browser can open for a short while. */
public interface EvidenceLinks {

    /** How long a link works: long enough to read the evidence, short enough not to outlive the page view. */
    java.time.Duration VALID_FOR = java.time.Duration.ofMinutes(15);

    /** A time-limited {@code https://} link to {@code s3Uri}, or empty when it is not an {@code s3://} URI. */
    Optional<String> temporaryLink(String s3Uri);

    /** No links: the page names the evidence without one. */
    EvidenceLinks NONE = uri -> Optional.empty();
}
