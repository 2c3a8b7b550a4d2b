package io.gilder.lock;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * The lock that distribution, revocation and decommission of one golden image version share: at most one of them
 * changes a version at a time. Its owner is the holding execution; it lapses at {@code expiresAt} (the holder's
 * workflow timeout, which no execution outlives) and is free as soon as the holder's execution has ended, however it
 * ended, so an execution that died without releasing it blocks nobody for long.
 *
 * @param version   the version's parameter name, {@code /GoldenAMI/<os>/<product>/<version>}
 * @param owner     the holding execution's ARN
 * @param expiresAt when the lock lapses even if the holder were still running
 */
public record VersionLock(String version, String owner, Instant expiresAt) {

    /** Whether {@code requester} is the holder (a retry of its own lock call). */
    public boolean heldBy(String requester) {
        return owner.equals(requester);
    }

    /**
     * Whether this lock keeps {@code requester} out at {@code now}: held by another execution, not lapsed, and that
     * execution still runs. {@code running} is asked only when the answer depends on it.
     */
    public boolean blocks(String requester, Instant now, Predicate<String> running) {
        return !heldBy(requester) && now.isBefore(expiresAt) && running.test(owner);
    }

    /** The execution's name, the last part of its ARN, for messages. */
    public String ownerName() {
        return owner.substring(owner.lastIndexOf(':') + 1);
    }
}
