package io.gilder.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes and reads the JSON evidence documents (findings, decisions): indented, so people can read them. */
public final class EvidenceJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String CONTENT_TYPE = "application/json";

    private EvidenceJson() {}

    public static byte[] write(Object document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence JSON", e);
        }
    }

    /** @throws IllegalStateException when {@code body} is not a {@code type} document */
    public static <T> T read(byte[] body, Class<T> type, String what) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
