package io.gilder.rescan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one image in a rescan run: what {@code compare-with-last-scan} answers ({@code SCANNED}) or what
 * the state "Image Not Scanned" records ({@code NOT_SCANNED}, with {@code error} and {@code cause}); the
 * {@code results} of {@code write-rescan-report}.
 *
 * @param added    findings new since the baseline ({@code "new"} in JSON)
 * @param baseline   {@code rescan}, {@code build}, {@code none} or {@code unreadable}
 * @param revocation what "Request Revocation" answered for a failed policy (or its error); {@code null} when not asked
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RescanImageResult(String status, String imageId, String os, String product, String version, String scanner,
        String scanRef, Map<String, Integer> bySeverity, Integer total, String baseline, @JsonProperty("new") Added added,
        Resolved resolved, Policy policy, Evidence evidence, String error, String cause, Revocation revocation) {

    public static final String SCANNED = "SCANNED";
    public static final String NOT_SCANNED = "NOT_SCANNED";

    /** @param ids identities ({@code id@protocol/port}) of at most the 20 worst; {@code delta.json} has them all */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Added(int total, Map<String, Integer> bySeverity, List<String> ids) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resolved(int total) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Policy(boolean passed, String reason) {}

    /** References a person can follow: raw results, normalized findings, the delta. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String raw, String findings, String delta) {}

    /**
     * {@code request-revocation}'s answer, or the {@code Error}/{@code Cause} of its failure as the state's Catch records it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Revocation(String executionName, Boolean alreadyStarted, @JsonProperty("Error") String error,
            @JsonProperty("Cause") String cause) {

        /** One phrase for the report line. */
        public String describe() {
            if (executionName != null) {
                return "revocation " + executionName + (Boolean.TRUE.equals(alreadyStarted) ? " (already started)" : " started");
            }
            return error == null ? null : "revocation NOT requested: " + error + (cause == null ? "" : ": " + cause);
        }
    }

    public boolean scanned() {
        return SCANNED.equals(status);
    }
}
