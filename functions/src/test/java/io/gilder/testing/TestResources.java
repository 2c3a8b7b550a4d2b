package io.gilder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The files under {@code functions/src/test/resources}, e.g. {@code bytes("tenable/report.nessus")}. */
public final class TestResources {

    private TestResources() {}

    /** A test resource's bytes; a missing one fails the test naming it. */
    public static byte[] bytes(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + path, e);
        }
    }

    /** A test resource's text (UTF-8). */
    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
