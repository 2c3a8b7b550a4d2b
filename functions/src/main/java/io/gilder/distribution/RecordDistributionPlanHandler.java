package io.gilder.distribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gilder.registry.DistributionImage;
import jakarta.inject.Named;
import java.util.List;

/**
 * "Record Distribution Plan": before anything is copied or shared, adds the run's targets to the version's
 * manifest, so that decommission finds whatever an interrupted run leaves behind.
 */
@Named("record-distribution-plan")
public class RecordDistributionPlanHandler implements RequestHandler<RecordDistributionPlanHandler.Input, RecordDistributionPlanHandler.Output> {

    /** @param accounts validate-distribution-request's {@code accounts} */
    public record Input(String executionArn, DistributionImage image, List<AccountTargets> accounts) {}

    public record Output(String manifestKey) {}

    private final DistributionRecorder recorder;

    RecordDistributionPlanHandler(DistributionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Output handleRequest(Input input, Context context) {
        return new Output(recorder.plan(input.executionArn(), input.image(), ValidatedDistribution.targets(input.accounts())).key());
    }
}
