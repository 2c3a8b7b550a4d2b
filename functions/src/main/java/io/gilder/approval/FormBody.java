package io.gilder.approval;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} body as API Gateway delivers it (maybe base64-encoded). */
public final class FormBody {

    /** Bodies above this size are not read: the approval form is far smaller. */
    static final int MAX_BYTES = 16 * 1024;

    private FormBody() {}

    /**
     * The form's fields (the first value of each name). A malformed or oversized body gives no
     * fields, which the form's validation then reports as missing.
     */
    public static Map<String, String> parse(String body, boolean base64Encoded) {
        if (body == null || body.length() > MAX_BYTES * 2) {
            return Map.of();
        }
        String text;
        try {
            text = base64Encoded ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        } catch (IllegalArgumentException notBase64) {
            return Map.of();
        }
        if (text.length() > MAX_BYTES) {
            return Map.of();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException badEscape) {
                // a garbled field is left out
            }
        }
        return fields;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
