package io.gilder.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Approval ids: 192 random bits from {@link SecureRandom}, written as 32 characters of URL-safe
 * base64 without padding. The id is the only secret in an approval link, so it must be unguessable;
 * {@link #isWellFormed} turns away tampered or garbled ids before any look-up. The id itself is kept nowhere:
 * the store keys an approval by {@link #key}, its SHA-256, so whoever reads the table, a backup or an export
 * cannot open a link; {@link #reference} names an approval in logs and outputs.
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

    /**
     * The approval's key in the store: SHA-256 of the id, URL-safe base64 without padding (43 characters). The id has
     * 192 random bits, so a fast hash is enough: nothing can be guessed or precomputed.
     */
    public static String key(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** What logs, outputs and the audit call an approval: the first 12 characters of its {@link #key}, never the id. */
    public static String reference(String id) {
        return key(id).substring(0, 12);
    }

    /** Whether {@code id} has the shape of an id {@link #next()} makes; {@code null} is not. */
    public static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
