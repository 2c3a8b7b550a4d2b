package io.gilder.decommission;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Remove Pipeline Records": the source image, its registry entries, the versioned template; marks the record. */
@Named("remove-pipeline-records")
public class RemovePipelineRecordsHandler implements RequestHandler<RemovePipelineRecordsHandler.Input, PipelineRemoval> {

    public record Input(String executionArn, DecommissionPlan plan) {}

    private final ImageDecommission decommission;

    RemovePipelineRecordsHandler(ImageDecommission decommission) {
        this.decommission = decommission;
    }

    @Override
    public PipelineRemoval handleRequest(Input input, Context context) {
        return decommission.removePipelineRecords(input.executionArn(), input.plan());
    }
}
