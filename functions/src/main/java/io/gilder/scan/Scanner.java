package io.gilder.scan;


/**
 * A vulnerability scanner: Qualys VM, Tenable Vulnerability Management (Tenable.io) or Amazon Inspector.
 * Calls never wait for a scan: the state machine polls {@link #status}.
 *
 * <p>Failures are {@link io.gilder.error.GilderException}s: {@code ScannerAuthenticationException}
 * (credentials rejected), {@code ScannerBusyException} (concurrency or rate limit, retryable),
 * {@code ScannerUnavailableException} (unreachable or 5xx, retryable), {@code ScannerRejectedException}
 * (the scanner refused the request) and {@code ScannerResponseException} (an unreadable answer).
 */
public interface Scanner {

    /** The name requests use to pick this scanner, e.g. {@code qualys}. */
    String name();

    /**
     * Whether this scanner reaches the test instance over the network (an appliance scanning its private IP), so
     * that the stack must open a path to it; Amazon Inspector scans through the SSM agent instead.
     */
    default boolean scansOverTheNetwork() {
        return false;
    }

    /**
     * What this stack lacks to use the scanner, named as the stack parameters a person sets (e.g.
     * {@code QualysCredentialsSecretArn is empty}); empty when nothing is missing. Looks at settings only: reads
     * no secret and calls nothing, so a build can be refused before anything is created.
     */
    default java.util.Optional<String> missingSettings() {
        return java.util.Optional.empty();
    }

    /**
     * Starts a scan of {@code target}, first making the target scannable if the scanner needs that
     * (e.g. adding the IP to the subscription).
     *
     * @return the scanner's reference of the new scan, never null
     */
    String start(ScanTarget target);

    /** Where the scan {@code scanRef} stands; never null. */
    ScanProgress status(String scanRef);

    /** The results of the finished scan {@code scanRef}: the raw answer and the normalized findings. */
    ScanResults results(String scanRef);

    /**
     * Removes from the scanner the scans {@code owner} started (matched by their title, {@link ScanTitle#owns}) that were
     * launched or changed since {@code since}: an active scan is stopped first. Called after an execution failed, was
     * aborted or timed out (Discard Scans); a scanner that keeps nothing at its side removes nothing.
     *
     * @return the references of the scans removed (none: nothing of the owner was left)
     * @throws io.gilder.error.ScannerBusyException when a scan of the owner could not be removed yet (still stopping);
     *         calling again later removes it
     */
    default java.util.List<String> discard(ScanTitle owner, java.time.Instant since) {
        return java.util.List.of();
    }
}
