package io.gilder.build.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.build.BuildRequestParser;
import io.gilder.registry.GoldenParameters;
import io.gilder.registry.NamedVersion;
import io.gilder.start.VersionClaims;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an ended execution is a started build whose "Golden AMI Build Failed" event nobody put, and that event's detail.
 * The build machine puts it itself on every failure its Catch sees ("Announce Build Failed"); it cannot when the
 * execution is aborted, times out, or fails inside Step Functions ({@code States.Runtime}, {@code States.DataLimitExceeded},
 * which no Catch, not even {@code States.ALL}, catches). A build counts as started (announced as "Build Started" right
 * after) once it took its version's claim, which keeps every execution that held it: a build started again with the same
 * version in the meantime (it may take the claim over as soon as this one ended) does not hide it.
 */
public final class UncaughtBuildEnding {

    /** The errors with which Step Functions itself fails an execution, past every Catch. */
    static final Set<String> UNCATCHABLE = Set.of("States.Runtime", "States.DataLimitExceeded");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The detail of the event ({@code docs/events/golden-ami-build-failed.json}).
     *
     * @param error  Step Functions' error of the ending, or the ending itself ({@code ABORTED}, {@code TIMED_OUT}) when it has none
     * @param ending how the execution ended, where no Catch runs
     */
    public record Failure(String stateMachineArn, String executionArn, String product, String os, String buildVersion,
            String parameterName, String error, String ending) {}

    private final Optional<String> buildStateMachineArn;
    private final VersionClaims claims;

    /** @param buildStateMachineArn the build machine of this stack; empty: no ending is a build's */
    public UncaughtBuildEnding(Optional<String> buildStateMachineArn, VersionClaims claims) {
        this.buildStateMachineArn = buildStateMachineArn;
        this.claims = claims;
    }

    /**
     * @param input the execution's input as Step Functions' status-change event carries it (a JSON text), or null when it
     *              was too large to be carried
     * @return the failure to announce, or empty: not the build machine, an ending a Catch saw, a request that never passed
     *         validation or that never claimed its version
     */
    public Optional<Failure> of(String executionArn, String stateMachineArn, String status, String error, String input) {
        if (buildStateMachineArn.filter(arn -> arn.equals(stateMachineArn)).isEmpty()) {
            return Optional.empty();
        }
        boolean uncaught = "ABORTED".equals(status) || "TIMED_OUT".equals(status)
                || ("FAILED".equals(status) && error != null && UNCATCHABLE.contains(error));
        if (!uncaught || input == null) {
            return Optional.empty();
        }
        JsonNode request;
        try {
            request = JSON.readTree(input);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        String product = request.path("productName").asText("");
        String os = request.path("productOSAndVersion").asText("");
        String version = request.path("buildVersion").asText("");
        if (!NamedVersion.FORMAT.matcher(product).matches() || !NamedVersion.FORMAT.matcher(os).matches()
                || !BuildRequestParser.BUILD_VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        String parameter = GoldenParameters.imageParameter(NamedVersion.parse(os), NamedVersion.parse(product), version);
        if (!claims.everHeldBy(parameter, executionArn)) {
            return Optional.empty();
        }
        String why = error == null || error.isBlank() ? status : error;
        return Optional.of(new Failure(stateMachineArn, executionArn, product, os, version, parameter, why, status));
    }
}
