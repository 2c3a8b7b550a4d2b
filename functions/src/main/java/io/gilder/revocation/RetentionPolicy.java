package io.gilder.revocation;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** "Keep the newest N versions of a product on an OS": which versions retention deprecates. Pure. */
public final class RetentionPolicy {

    private static final Pattern VERSION = Pattern.compile("[0-9]+(?:\\.[0-9]+)*");

    /** Newest last: numerically by dot-separated component ({@code 1.10 > 1.9}, {@code 2 > 1.4.0}), then as text. */
    public static final Comparator<String> VERSION_ORDER = RetentionPolicy::compare;

    private RetentionPolicy() {}

    /**
     * @param versions the registered build versions (names that are not versions are ignored: never deprecated)
     * @param keep     how many of the newest to keep; 0 keeps all
     * @return the versions older than the newest {@code keep}, oldest first
     */
    public static List<String> olderThanNewest(Collection<String> versions, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 (keep all) or more, not " + keep);
        }
        List<String> sorted = versions.stream().filter(v -> VERSION.matcher(v).matches()).distinct().sorted(VERSION_ORDER).toList();
        if (keep == 0 || sorted.size() <= keep) {
            return List.of();
        }
        return sorted.subList(0, sorted.size() - keep);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            BigInteger p = i < x.length ? new BigInteger(x[i]) : BigInteger.ZERO;
            BigInteger q = i < y.length ? new BigInteger(y[i]) : BigInteger.ZERO;
            int c = p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    }
}
