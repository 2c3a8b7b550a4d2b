package io.gilder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real vendor API bodies recorded against the real services, kept outside the project in
 * {@code shared/vendor-responses/} beside the checkout (or where {@code GILDER_VENDOR_RESPONSES} points). They are
 * read at test time and never copied into the project. A missing folder fails the test naming where it looked:
 * a test against real bodies that silently skipped would hide exactly what it exists to catch.
 */
public final class VendorResponses {

    private static final String ENV = "GILDER_VENDOR_RESPONSES";

    private VendorResponses() {}

    /** A recorded body, e.g. {@code bytes("tenable/scan-175.nessus")}. */
    public static byte[] bytes(String path) {
        try {
            return Files.readAllBytes(root().resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded vendor response " + path + " under " + root(), e);
        }
    }

    /** The folder of recorded bodies: {@code $GILDER_VENDOR_RESPONSES}, else {@code shared/vendor-responses} in an ancestor of the working directory. */
    public static Path root() {
        String configured = System.getenv(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/vendor-responses");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException("no recorded vendor responses: set " + ENV + " or place shared/vendor-responses beside the "
                + "checkout; looked in " + tried);
    }
}
