package io.gilder.rescan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gilder.error.FieldProblem;
import io.gilder.error.InvalidRequestException;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.List;

/**
 * "Sweep Stale Rescan Instances" (no {@code run}: instances of runs that are over) and "Sweep Rescan Run"
 * ({@code run}: every instance of that run).
 */
@Named("sweep-rescan-instances")
public class SweepRescanInstancesHandler implements RequestHandler<SweepRescanInstancesHandler.Input, SweepRescanInstancesHandler.Output> {

    /** Age below which an instance of a finished run is left alone when the input names none. */
    static final int DEFAULT_OLDER_THAN_MINUTES = 60;

    /**
     * @param run              the rescan run's execution ARN, or {@code null} for the stale sweep
     * @param olderThanMinutes stale sweep only: minimum age of an instance; {@code null} = {@value #DEFAULT_OLDER_THAN_MINUTES}
     * @param current          stale sweep only: the sweeping execution's ARN; runs of other state machines (another
     *                         Gilder stack in the account) are left to their own stack. {@code null}: every run counts
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(String run, Integer olderThanMinutes, String current) {}

    public record Output(List<String> terminated) {}

    private final RescanSweep sweep;

    SweepRescanInstancesHandler(RescanSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public Output handleRequest(Input in, Context context) {
        Input input = in == null ? new Input(null, null, null) : in;
        if (input.run() != null && !input.run().isBlank()) {
            return new Output(sweep.sweepRun(input.run()));
        }
        int minutes = input.olderThanMinutes() == null ? DEFAULT_OLDER_THAN_MINUTES : input.olderThanMinutes();
        if (minutes < 0) {
            throw new InvalidRequestException("Sweep request", List.of(new FieldProblem("olderThanMinutes", "must be 0 or more, not " + minutes)));
        }
        return new Output(sweep.sweepStale(Duration.ofMinutes(minutes), input.current()));
    }
}
