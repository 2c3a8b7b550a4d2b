package io.gilder.approval;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Approval ids: 192 random bits from {@link SecureRandom}, written as 32 characters of URL-safe
 * base64 without padding. The id is the only secret in an approval link, so it must be unguessable;
 * {@link #isWellFormed} turns away tampered or garbled ids before any look-up.
 */
public final class ApprovalIds {

    private static final int BYTES = 24;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final Supplier<SecureRandom> randoms;

    /**
     * @param randoms gives the generator of each id. A fresh {@code SecureRandom} per id (the
     *                default, {@code SecureRandom::new}) means no generator state is created during
     *                init, so SnapStart cannot copy one into many execution environments.
     */
    public ApprovalIds(Supplier<SecureRandom> randoms) {
        this.randoms = randoms;
    }

    public String next() {
        byte[] bytes = new byte[BYTES];
        randoms.get().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code id} has the shape of an id {@link #next()} makes; {@code null} is not. */
    public static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
