package io.gilder.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tags a revocation puts on the source image and its copies. */
public final class RevocationTags {

    /** The mode of the latest revocation: {@code report}, {@code deprecate} or {@code revoke}. */
    public static final String REVOCATION = "gilder:revocation";
    public static final String REASON = "gilder:revocation-reason";
    public static final String AT = "gilder:revoked-at";
    public static final String BY = "gilder:revoked-by";
    /** EC2 tag values hold at most 256 characters. */
    static final int MAX_VALUE = 256;

    private RevocationTags() {}

    public static Map<String, String> of(String mode, String reason, String executionArn, String at) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(REVOCATION, mode);
        tags.put(REASON, cut(reason));
        tags.put(AT, at);
        tags.put(BY, cut(executionArn));
        return tags;
    }

    static String cut(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE - 1) + "…";
    }
}
