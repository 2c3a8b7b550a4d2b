package io.gilder.build;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A script to run on the builder: an object in S3, a file served over HTTPS, or the script text itself.
 * A value that starts with {@code scheme://} is a location and must use {@code s3} or {@code https};
 * anything else is inline script text.
 *
 * <p>A location must say exactly which bytes run, because whoever controls the file could otherwise change the
 * golden image after the request was reviewed: an {@code https://} location carries a SHA-256 pin
 * ({@code https://host/path#sha256=<64 hex digits>}), an {@code s3://} location a version id or a pin
 * ({@code s3://bucket/key#versionId=<id>}, {@code #sha256=...}, or both joined by {@code &}). The builder refuses
 * to run a file whose digest differs, and follows no redirect.
 *
 * @param source    the inline text, or the location without its pin
 * @param sha256    the pinned digest (lower-case hex), or null
 * @param versionId the pinned S3 object version, or null
 */
public record Script(Kind kind, String source, String sha256, String versionId) {

    public enum Kind { S3, HTTPS, INLINE }

    private static final Pattern URL_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)", Pattern.DOTALL);
    private static final Pattern S3_LOCATION = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^\\s#]+");
    private static final Pattern HTTPS_LOCATION = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?/[^\\s#]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,1024}");
    private static final String HTTPS_PIN = "https://host/path#sha256=<64 hex digits> (sha256sum prints them)";
    private static final String S3_PIN = "s3://bucket/key#versionId=<the object's version id> or s3://bucket/key#sha256=<64 hex digits>";

    /** An unpinned script: inline text (tests build locations this way too). */
    public Script(Kind kind, String source) {
        this(kind, source, null, null);
    }

    /** Reads a script value; empty with the reason when it names a location Gilder cannot fetch or does not pin it. */
    static Result read(String value) {
        var m = URL_SCHEME.matcher(value);
        if (!m.matches()) {
            return new Result(Optional.of(new Script(Kind.INLINE, value)), null);
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = m.group(2);
        int hash = rest.indexOf('#');
        String location = hash < 0 ? rest : rest.substring(0, hash);
        Map<String, String> pins = new LinkedHashMap<>();
        if (hash >= 0) {
            for (String pair : rest.substring(hash + 1).split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (!key.equals("sha256") && !key.equals("versionId") || eq < 0 || pins.containsKey(key)) {
                    return failed("has the pin '#" + rest.substring(hash + 1) + "'; a pin is #sha256=<64 hex digits>"
                            + (scheme.equals("s3") ? ", #versionId=<id>, or both joined by &" : ""));
                }
                pins.put(key, pair.substring(eq + 1));
            }
        }
        String sha256 = pins.get("sha256");
        if (sha256 != null && !SHA256.matcher(sha256).matches()) {
            return failed("has the sha256 pin '" + sha256 + "', which is not 64 hex digits");
        }
        String digest = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        String versionId = pins.get("versionId");
        return switch (scheme) {
            case "s3" -> {
                if (!S3_LOCATION.matcher(location).matches()) {
                    yield failed("must be s3://bucket/key with a valid bucket name and a key");
                }
                if (versionId != null && !VERSION_ID.matcher(versionId).matches()) {
                    yield failed("has the versionId pin '" + versionId + "', which is not an S3 version id");
                }
                if (digest == null && versionId == null) {
                    yield failed("must say which version of the object runs: " + S3_PIN);
                }
                yield new Result(Optional.of(new Script(Kind.S3, m.group(1) + "://" + location, digest, versionId)), null);
            }
            case "https" -> {
                if (!HTTPS_LOCATION.matcher(location).matches()) {
                    yield failed("must be https://host/path");
                }
                if (versionId != null) {
                    yield failed("has a versionId pin, which only s3:// locations take; pin an https:// script by " + HTTPS_PIN);
                }
                if (digest == null) {
                    yield failed("must carry a sha256 pin so the builder runs only the file that was reviewed: " + HTTPS_PIN);
                }
                yield new Result(Optional.of(new Script(Kind.HTTPS, m.group(1) + "://" + location, digest, null)), null);
            }
            default -> failed("uses the URL scheme '" + scheme + "': scripts come from s3:// or https:// locations, or are given inline");
        };
    }

    private static Result failed(String problem) {
        return new Result(Optional.empty(), problem);
    }

    /** The S3 bucket of an {@code s3://} script. */
    String bucket() {
        String path = source.substring(source.indexOf("://") + 3);
        return path.substring(0, path.indexOf('/'));
    }

    /** The S3 key of an {@code s3://} script. */
    String key() {
        String path = source.substring(source.indexOf("://") + 3);
        return path.substring(path.indexOf('/') + 1);
    }

    record Result(Optional<Script> script, String problem) {}
}
