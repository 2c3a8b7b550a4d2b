package io.gilder.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Name-Version} pair such as {@code WebServer-1.2} or {@code AmazonLinux-2023}: the name
 * may itself hold dashes ({@code Amazon-Linux-2023}); the version is what follows the last dash.
 */
public record NamedVersion(String name, String version) {

    public static final Pattern FORMAT = Pattern.compile("([A-Za-z](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9_])?)-([0-9]+(?:\\.[0-9]+){0,3})");
    public static final String HINT = "Name-Version: a name of letters, digits, '_' or '-' starting with a letter, "
            + "then '-' and a version of up to four dot-separated numbers, e.g. WebServer-1.2";

    /** Parses a value already known to match {@link #FORMAT}. */
    public static NamedVersion parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not Name-Version: " + text);
        }
        return new NamedVersion(m.group(1), m.group(2));
    }

    /** The form the user wrote, e.g. {@code WebServer-1.2}. */
    public String id() {
        return name + "-" + version;
    }
}
