package io.gilder.decommission;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

/** "Remove Regional Copy" (one Map item per region): parameter and list entry, the copy, exactly its snapshots. */
@Named("remove-regional-copy")
public class RemoveRegionalCopyHandler implements RequestHandler<RemoveRegionalCopyHandler.Input, ImageRemoval> {

    /** @param copy one of the plan's {@code regions}; {@code parameterName} the plan's */
    public record Input(String executionArn, DecommissionPlan.RegionalCopy copy, String parameterName) {}

    private final ImageDecommission decommission;

    RemoveRegionalCopyHandler(ImageDecommission decommission) {
        this.decommission = decommission;
    }

    @Override
    public ImageRemoval handleRequest(Input input, Context context) {
        return decommission.removeRegionalCopy(input.executionArn(), input.copy(), input.parameterName());
    }
}
