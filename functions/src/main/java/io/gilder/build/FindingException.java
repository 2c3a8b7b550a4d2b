package io.gilder.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A finding the platform team accepts for a while: the stack's {@code FindingExceptions} lists them, each with
 * the date after which it no longer applies and the reason, and a build may ignore only these (shown to the
 * approver). The stack's configuration holds them so that a request can tighten the gate but never loosen it.
 *
 * @param id      scanner finding id (Qualys QID, Tenable plugin id, Inspector finding ARN)
 * @param expires last day the exception applies (UTC), an ISO date such as {@code 2027-03-31} (kept as text so that
 *                every JSON mapper on the way, state machine and evidence alike, writes it the same)
 * @param reason  why the finding is accepted, for the approver and the audit
 */
public record FindingException(String id, String expires, String reason) {

    /** Ids as scanners write them. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9:/._-]{1,256}");
    /** The stack parameter that holds the exceptions, for messages. */
    public static final String PARAMETER = "FindingExceptions";
    private static final ObjectMapper JSON = new ObjectMapper();

    public FindingException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(reason, "reason");
        LocalDate.parse(expires);
    }

    /** Whether the exception still applies on {@code day}: through its expiry date, not after. */
    public boolean inForceOn(LocalDate day) {
        return !day.isAfter(LocalDate.parse(expires));
    }

    /**
     * The stack's exceptions from their JSON form, {@code [{"id": "38739", "expires": "2027-03-31", "reason": "..."}]};
     * blank means none.
     *
     * @throws IllegalArgumentException naming {@value #PARAMETER} and the bad entry
     */
    public static List<FindingException> parseAll(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode list;
        try {
            list = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(PARAMETER + " is not JSON: " + e.getMessage(), e);
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(PARAMETER + " must be a JSON array of {\"id\", \"expires\", \"reason\"} objects");
        }
        List<FindingException> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = PARAMETER + "[" + i + "]";
            String id = e.path("id").asText("");
            String expires = e.path("expires").asText("");
            String reason = e.path("reason").asText("").trim();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ".id must be a scanner finding id such as a Qualys QID, not '" + id + "'");
            }
            if (reason.isEmpty()) {
                throw new IllegalArgumentException(where + ".reason is required: the approver and the audit read why " + id + " is accepted");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(expires);
            } catch (DateTimeParseException notADate) {
                throw new IllegalArgumentException(where + ".expires must be a date such as 2027-03-31, not '" + expires + "'");
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(where + " repeats the id " + id);
            }
            out.add(new FindingException(id, day.toString(), reason));
        }
        return List.copyOf(out);
    }
}
