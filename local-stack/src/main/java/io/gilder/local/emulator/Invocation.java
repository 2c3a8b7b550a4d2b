package io.gilder.local.emulator;

import java.nio.charset.StandardCharsets;

/**
 * The outcome of one invocation: the function's response, or its error document
 * ({@code {"errorMessage":…,"errorType":…}}) when {@code error} is true, as Lambda returns them.
 */
public record Invocation(boolean error, byte[] payload) {

    static Invocation failure(String errorType, String message) {
        String json = "{\"errorMessage\":" + Json.quote(message) + ",\"errorType\":" + Json.quote(errorType) + "}";
        return new Invocation(true, json.getBytes(StandardCharsets.UTF_8));
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
