package io.gilder.build;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A script to run on the builder: an object in S3, a file served over HTTPS, or the script text itself.
 * A value that starts with {@code scheme://} is a location and must use {@code s3} or {@code https};
 * anything else is inline script text.
 */
public record Script(Kind kind, String source) {

    public enum Kind { S3, HTTPS, INLINE }

    private static final Pattern URL_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)", Pattern.DOTALL);
    private static final Pattern S3_LOCATION = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\\S+");
    private static final Pattern HTTPS_LOCATION = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?/\\S*");

    /** Reads a script value; empty with the reason when it names a location Gilder cannot fetch. */
    static Result read(String value) {
        var m = URL_SCHEME.matcher(value);
        if (!m.matches()) {
            return new Result(Optional.of(new Script(Kind.INLINE, value)), null);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2);
        return switch (scheme) {
            case "s3" -> S3_LOCATION.matcher(rest).matches()
                    ? new Result(Optional.of(new Script(Kind.S3, value)), null)
                    : new Result(Optional.empty(), "must be s3://bucket/key with a valid bucket name and a key");
            case "https" -> HTTPS_LOCATION.matcher(rest).matches()
                    ? new Result(Optional.of(new Script(Kind.HTTPS, value)), null)
                    : new Result(Optional.empty(), "must be https://host/path");
            default -> new Result(Optional.empty(), "uses the URL scheme '" + scheme
                    + "': scripts come from s3:// or https:// locations, or are given inline");
        };
    }

    record Result(Optional<Script> script, String problem) {}
}
