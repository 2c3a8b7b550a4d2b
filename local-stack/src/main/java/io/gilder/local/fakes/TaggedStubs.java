package io.gilder.local.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The stubs one fake (Qualys, Tenable, Inspector) adds to the shared WireMock server, tagged with the
 * fake's metadata key so that registering the fake again replaces them instead of stacking them.
 */
final class TaggedStubs {

    private final WireMockServer server;
    private final String fake;
    private final String metadataKey;

    /** Removes the stubs this fake added earlier; {@code fake} names the new ones, e.g. {@code tenable fake}. */
    TaggedStubs(WireMockServer server, String fake, String metadataKey) {
        this.server = server;
        this.fake = fake;
        this.metadataKey = metadataKey;
        server.removeStubsByMetadata(matchingJsonPath("$." + metadataKey));
    }

    void put(String name, MappingBuilder stub) {
        server.stubFor(stub.withName(fake + ": " + name).withMetadata(Map.of(metadataKey, name)));
    }

    /** A classpath resource's bytes, e.g. {@code tenable/report.nessus}. */
    static byte[] resource(String path) {
        try (InputStream in = TaggedStubs.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
