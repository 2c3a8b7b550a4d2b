package io.gilder.start;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Starting a build in the caller's own IAM name: the request is the same JSON as a {@code StartExecution} input (the
 * build's own validation judges its fields); the caller, taken from API Gateway's verified SigV4 identity and never from
 * the request, is recorded before the execution starts, so that an approval can be refused to the person who started it.
 */
public final class BuildStarts {

    /** Step Functions' limit on an execution's input. */
    static final int MAX_INPUT_BYTES = 256 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StartedBuilds starters;
    private final BuildLauncher launcher;
    private final Clock clock;

    public BuildStarts(StartedBuilds starters, BuildLauncher launcher, Clock clock) {
        this.starters = starters;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** A build started: its execution and who started it. */
    public record Started(String executionArn, String name, String startedBy) {}

    /**
     * Starts a build for {@code caller} with the request {@code body}, as execution {@code name} (a new one when null).
     *
     * @throws InvalidRequestException naming the field when the body is not a JSON object or too large, or the name is bad
     */
    public Started start(String caller, String body, String name) {
        if (caller == null || caller.isBlank()) {
            throw new IllegalArgumentException("no caller identity");
        }
        String executionName = name == null || name.isBlank() ? "build-" + UUID.randomUUID() : name;
        if (!NAME.matcher(executionName).matches()) {
            throw new InvalidRequestException("Build start", List.of(new FieldProblem("name",
                    "must be 1-80 letters, digits, '-' or '_'")));
        }
        if (body == null || body.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw new InvalidRequestException("Build start", List.of(new FieldProblem("body",
                    body == null ? "is required: the build request as JSON" : "must be at most 256 KiB (the Step Functions input limit)")));
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("Build start", List.of(new FieldProblem("body", "must be a JSON object (the build request)")));
        }
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException("Build start", List.of(new FieldProblem("body", "must be a JSON object (the build request)")));
        }
        String executionArn = launcher.executionArn(executionName);
        starters.record(executionArn, caller, clock.instant());
        launcher.start(executionName, body);
        return new Started(executionArn, executionName, caller);
    }
}
