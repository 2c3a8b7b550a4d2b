package io.gilder.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time-limited claim on the golden image registry's shared list, stored as the value of a lock
 * parameter, e.g. {@code owner=6f1c...;expires=2025-01-01T12:00:30Z}. The owner is unique per
 * claim, so a holder can tell its own lease from a later one. A lease past its expiry is stale: its
 * holder is presumed dead and the lock may be broken.
 *
 * @param owner     unique id of the claim (letters, digits and '-')
 * @param expiresAt when the claim lapses
 */
public record RegistryLease(String owner, Instant expiresAt) {

    private static final Pattern FORMAT = Pattern.compile("owner=([A-Za-z0-9-]+);expires=(\\S+)");

    /** The owner prefix of every claim made for {@code holder} (e.g. an execution ARN): letters and digits only. */
    public static String holderKey(String holder) {
        return "h" + ShortHash.of(String.valueOf(holder));
    }

    /** Whether this claim was made for {@code holder} (see {@link #holderKey(String)}). */
    public boolean heldBy(String holder) {
        return owner.startsWith(holderKey(holder) + "-");
    }

    /** A new claim by {@code owner}, valid for {@code length} from {@code now}. */
    public static RegistryLease claim(String owner, Instant now, Duration length) {
        return new RegistryLease(owner, now.plus(length));
    }

    /**
     * Reads a stored lease. A value that is not a lease (written by hand, truncated) reads as a stale
     * lease whose owner is derived from the value, so it never blocks the registry forever.
     */
    public static RegistryLease parse(String value) {
        Matcher m = FORMAT.matcher(value.strip());
        if (m.matches()) {
            try {
                return new RegistryLease(m.group(1), Instant.parse(m.group(2)));
            } catch (DateTimeParseException e) {
                // falls through to the unreadable case
            }
        }
        return new RegistryLease("unreadable-" + ShortHash.of(value), Instant.EPOCH);
    }

    /** Whether the claim has lapsed at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public String format() {
        return "owner=" + owner + ";expires=" + expiresAt;
    }
}
